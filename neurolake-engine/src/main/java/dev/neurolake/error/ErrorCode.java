package dev.neurolake.error;

import static java.util.Objects.requireNonNull;

/**
 * Stable error codes of NeuroLake. The enum constant name is the code clients see in the
 * {@code code} member of a problem+json body: never rename one, only add.
 */
public enum ErrorCode
{
    INVALID_REQUEST(400, "Invalid request"),
    INVALID_IDENTIFIER(400, "Invalid identifier"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    UNAUTHENTICATED(401, "Authentication required"),
    ACCOUNT_LOCKED(401, "Account locked"),
    FORBIDDEN(403, "Forbidden"),
    TABLE_ACCESS_DENIED(403, "No grant on table"),
    RATE_LIMITED(429, "Too many requests"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),

    NAMESPACE_NOT_FOUND(404, "Namespace not found"),
    TABLE_NOT_FOUND(404, "Table not found"),
    TABLE_ALREADY_EXISTS(409, "Table already exists"),
    SNAPSHOT_NOT_FOUND(404, "Snapshot not found"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),

    UPLOAD_EMPTY(400, "Empty upload"),
    UPLOAD_FORMAT_UNSUPPORTED(415, "Unsupported upload format"),
    UPLOAD_PARSE_ERROR(400, "Upload could not be parsed"),
    UPLOAD_INVALID_VALUE(400, "Value does not fit the column type"),
    UPLOAD_SCHEMA_MISMATCH(400, "Upload does not fit the table schema"),

    SQL_SYNTAX_ERROR(400, "SQL syntax error"),
    SQL_ERROR(400, "SQL error"),
    SQL_NOT_READ_ONLY(400, "Statement is not a read query"),
    SQL_STATEMENT_NOT_SUPPORTED(400, "Statement not supported"),
    SQL_MULTIPLE_STATEMENTS(400, "More than one statement"),
    SQL_FORBIDDEN_FUNCTION(400, "Function not allowed"),
    SQL_FORBIDDEN_REFERENCE(400, "Reference not allowed"),
    QUERY_TIMEOUT(408, "Query timed out"),
    QUERY_CANCELLED(409, "Query cancelled"),
    QUERY_NOT_FOUND(404, "Query not found"),
    QUERY_NOT_RUNNING(409, "Query not running"),
    CURSOR_EXPIRED(410, "Result cursor expired"),
    TOO_MANY_QUERIES(429, "Too many concurrent queries"),

    GRAPH_UNAVAILABLE(503, "Graph store unavailable"),
    GRAPH_TIMEOUT(408, "Graph transaction timed out"),
    GRAPH_WRITE_FORBIDDEN(403, "Graph writes not allowed"),
    CYPHER_SYNTAX_ERROR(400, "Cypher syntax error"),
    CYPHER_ERROR(400, "Cypher error"),
    CYPHER_FORBIDDEN(400, "Cypher clause or procedure not allowed"),
    PROJECTION_INVALID(400, "Invalid graph projection"),
    PROJECTION_NOT_FOUND(404, "Graph projection not found"),
    PROJECTION_RUNNING(409, "Graph projection already running"),
    IMPORT_FAILED(400, "Cypher script import failed"),

    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL_ERROR(500, "Internal error");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title)
    {
        this.httpStatus = httpStatus;
        this.title = requireNonNull(title, "title is null");
    }

    /** The HTTP status this code maps to. */
    public int httpStatus()
    {
        return httpStatus;
    }

    /** A short, human-readable summary of the problem type (the problem+json {@code title}). */
    public String title()
    {
        return title;
    }
}
