package dev.neurolake.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what the Neo4j driver throws into NeuroLake's error codes, and classifies it for retries and the circuit breaker. */
final class GraphErrors
{
    private static final Pattern POSITION = Pattern.compile("\\(line (\\d+), column (\\d+) \\(offset: (\\d+)\\)\\)");

    private GraphErrors() {}

    /** Whether a failure means the store could not be reached or did not answer: what opens the circuit breaker. */
    static boolean isUnavailable(Throwable error)
    {
        return error instanceof ServiceUnavailableException
                || error instanceof SessionExpiredException
                || error instanceof AuthenticationException
                || error instanceof TimeoutException
                || error instanceof TransientException transientError && "Neo.TransientError.General.DatabaseUnavailable".equals(transientError.code());
    }

    /** Whether a statement that may have committed before it failed is safe to run again: only if it is idempotent. */
    static boolean isRetryable(Throwable error, boolean idempotent)
    {
        if (idempotent) {
            return error instanceof RetryableException;
        }
        // A transient error means the server rolled the transaction back: nothing was committed.
        return error instanceof TransientException;
    }

    static NeuroLakeException translate(Throwable error, Duration timeout, Duration circuitOpenDuration)
    {
        return switch (error) {
            case NeuroLakeException known -> known;
            case CallNotPermittedException ignored -> new NeuroLakeException(ErrorCode.GRAPH_UNAVAILABLE,
                    "The graph store failed repeatedly; calls are paused for up to " + circuitOpenDuration.toSeconds() + " s before it is tried again",
                    Map.of("circuit", "OPEN", "retryAfterSeconds", circuitOpenDuration.toSeconds()), error);
            case TimeoutException ignored -> new NeuroLakeException(ErrorCode.GRAPH_UNAVAILABLE,
                    "The graph store did not answer within " + timeout.toSeconds() + " s", Map.of("timeoutSeconds", timeout.toSeconds()), error);
            case AuthenticationException ignored -> new NeuroLakeException(ErrorCode.GRAPH_UNAVAILABLE,
                    "The graph store refused NeuroLake's login: check neurolake.graph.username and neurolake.graph.password", error);
            case ServiceUnavailableException unavailable -> unavailable("The graph store is unreachable: " + unavailable.getMessage(), error);
            case SessionExpiredException expired -> unavailable("The graph store closed the connection: " + expired.getMessage(), error);
            case TransientException transientError -> unavailable("The graph store failed with a transient error, also on retry: " + transientError.getMessage(), error);
            case ClientException client -> client(client, timeout);
            // Neo4j reports an index or constraint that existing data prevents as a database error, but the data is at fault.
            case DatabaseException schema when schema.code() != null && schema.code().startsWith("Neo.DatabaseError.Schema.") ->
                    new NeuroLakeException(ErrorCode.CYPHER_ERROR, schema.getMessage(), details(schema), error);
            case DatabaseException database -> new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "The graph store failed: " + database.getMessage(), details(database), error);
            case Neo4jException other -> new NeuroLakeException(ErrorCode.CYPHER_ERROR, other.getMessage(), details(other), error);
            default -> new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Graph call failed: " + error, error);
        };
    }

    private static NeuroLakeException client(ClientException error, Duration timeout)
    {
        String code = error.code() == null ? "" : error.code();
        if (code.equals("Neo.ClientError.Statement.SyntaxError")) {
            Map<String, Object> details = details(error);
            Matcher position = POSITION.matcher(error.getMessage());
            if (position.find()) {
                details.put("line", Integer.parseInt(position.group(1)));
                details.put("column", Integer.parseInt(position.group(2)));
                details.put("position", Integer.parseInt(position.group(3)));
            }
            return new NeuroLakeException(ErrorCode.CYPHER_SYNTAX_ERROR, error.getMessage(), details, error);
        }
        if (code.equals("Neo.ClientError.Statement.AccessMode")) {
            return new NeuroLakeException(ErrorCode.GRAPH_WRITE_FORBIDDEN,
                    "The statement writes to the graph, and this caller may only read: the database refused it in a read-only transaction",
                    details(error), error);
        }
        if (code.contains("TransactionTimedOut")) {
            Map<String, Object> details = details(error);
            details.put("timeoutSeconds", timeout.toSeconds());
            return new NeuroLakeException(ErrorCode.GRAPH_TIMEOUT,
                    "The Cypher statement ran longer than its timeout of " + timeout.toSeconds() + " s and was stopped", details, error);
        }
        if (error.getMessage() != null && error.getMessage().startsWith("Unable to acquire connection from the pool")) {
            return unavailable("The graph store is busy: no connection became free in time", error);
        }
        return new NeuroLakeException(ErrorCode.CYPHER_ERROR, error.getMessage(), details(error), error);
    }

    private static NeuroLakeException unavailable(String message, Throwable cause)
    {
        return new NeuroLakeException(ErrorCode.GRAPH_UNAVAILABLE, message, cause);
    }

    private static Map<String, Object> details(Neo4jException error)
    {
        Map<String, Object> details = new LinkedHashMap<>();
        if (error.code() != null) {
            details.put("neo4jCode", error.code());
        }
        return details;
    }
}
