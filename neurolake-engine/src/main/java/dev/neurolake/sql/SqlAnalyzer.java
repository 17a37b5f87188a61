package dev.neurolake.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks user SQL before it runs, with DuckDB's own parser (so every DuckDB syntax is
 * understood exactly): one statement, a read query, and nothing but lake tables and harmless
 * table functions as sources. File-reading functions, file paths and other catalogs are
 * refused here because they would bypass every grant on lake tables.
 */
public final class SqlAnalyzer
{
    /** Table functions that compute rows without touching files, settings or the catalog. */
    private static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest", "generate_subscripts");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses and checks a statement; throws a {@link NeuroLakeException} naming what is refused. */
    public AnalyzedQuery analyze(Connection connection, String sql)
    {
        JsonNode parsed = parse(connection, sql);
        if (parsed.path("error").asBoolean(false)) {
            throw parseError(sql, parsed);
        }
        JsonNode statements = parsed.path("statements");
        if (statements.size() != 1) {
            throw new NeuroLakeException(ErrorCode.SQL_MULTIPLE_STATEMENTS, "Send exactly one statement per request; found " + statements.size(), Map.of("statements", statements.size()));
        }
        List<TableReference> references = new ArrayList<>();
        visit(statements.get(0), new ArrayDeque<>(), (node, cteScopes) -> {
            switch (node.path("type").asText("")) {
                case "BASE_TABLE" -> reference(node, cteScopes).ifPresent(references::add);
                case "TABLE_FUNCTION" -> checkTableFunction(node);
                case "SHOW_REF" -> throw refused(ErrorCode.SQL_FORBIDDEN_REFERENCE, "DESCRIBE, SHOW and SUMMARIZE are not available here: use the tables API", node);
                default -> { }
            }
        });
        return new AnalyzedQuery(sql, references);
    }

    /**
     * The statement with each named lake table replaced by another relation (a snapshot view),
     * keeping the original name as the alias so qualified columns still resolve. DuckDB's own
     * serializer turns the changed syntax tree back into SQL.
     */
    public String rewrite(Connection connection, String sql, Map<TableName, String[]> replacements)
    {
        JsonNode parsed = parse(connection, sql);
        if (parsed.path("error").asBoolean(false)) {
            throw parseError(sql, parsed);
        }
        visit(parsed.path("statements"), new ArrayDeque<>(), (node, cteScopes) -> {
            if ("BASE_TABLE".equals(node.path("type").asText())) {
                reference(node, cteScopes).map(reference -> replacements.get(reference.table())).ifPresent(target -> replaceTable((ObjectNode) node, target));
            }
        });
        try (PreparedStatement statement = connection.prepareStatement("SELECT json_deserialize_sql(?::JSON)")) {
            statement.setString(1, JSON.writeValueAsString(parsed));
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getString(1);
            }
        }
        catch (SQLException | java.io.IOException e) {
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Cannot rewrite SQL for time travel: " + e.getMessage(), e);
        }
    }

    private static void replaceTable(ObjectNode table, String[] target)
    {
        if (table.path("alias").asText("").isEmpty()) {
            table.put("alias", table.path("table_name").asText());
        }
        table.put("catalog_name", "");
        table.put("schema_name", target[0]);
        table.put("table_name", target[1]);
        ArrayNode path = table.putObject("qualified_name").putArray("path");
        path.add(target[0]);
        path.add(target[1]);
    }

    private static JsonNode parse(Connection connection, String sql)
    {
        try (PreparedStatement statement = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            statement.setString(1, sql);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return JSON.readTree(resultSet.getString(1));
            }
        }
        catch (SQLException | java.io.IOException e) {
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Cannot parse SQL: " + e.getMessage(), e);
        }
    }

    private static NeuroLakeException parseError(String sql, JsonNode error)
    {
        String message = error.path("error_message").asText("unknown error");
        if (message.startsWith("Only SELECT statements")) {
            return new NeuroLakeException(ErrorCode.SQL_NOT_READ_ONLY,
                    "Only read queries (SELECT, WITH, VALUES, FROM ...) run here: " + firstWord(sql) + " is not one",
                    Map.of("statement", firstWord(sql)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (error.hasNonNull("position")) {
            SqlErrors.addPosition(details, sql, Integer.parseInt(error.get("position").asText()));
        }
        ErrorCode code = "parser".equals(error.path("error_type").asText()) ? ErrorCode.SQL_SYNTAX_ERROR : ErrorCode.SQL_ERROR;
        return new NeuroLakeException(code, message, details);
    }

    /**
     * Visits every object of a serialized statement, parents before children, with the names
     * of the CTEs in scope there: a name a CTE defines is not a table reference inside it.
     */
    private static void visit(JsonNode node, Deque<Set<String>> cteScopes, BiConsumer<JsonNode, Deque<Set<String>>> visitor)
    {
        if (node.isArray()) {
            for (JsonNode child : node) {
                visit(child, cteScopes, visitor);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Set<String> ctes = cteNames(node);
        if (!ctes.isEmpty()) {
            cteScopes.push(ctes);
        }
        visitor.accept(node, cteScopes);
        for (JsonNode child : node) {
            visit(child, cteScopes, visitor);
        }
        if (!ctes.isEmpty()) {
            cteScopes.pop();
        }
    }

    private static Set<String> cteNames(JsonNode node)
    {
        Set<String> names = new HashSet<>();
        for (JsonNode entry : node.path("cte_map").path("map")) {
            names.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static Optional<TableReference> reference(JsonNode node, Deque<Set<String>> cteScopes)
    {
        String catalog = node.path("catalog_name").asText("");
        String schema = node.path("schema_name").asText("");
        String table = node.path("table_name").asText("");
        int position = position(node);
        if (schema.isEmpty() && catalog.isEmpty()) {
            String lowered = table.toLowerCase(Locale.ROOT);
            if (cteScopes.stream().anyMatch(scope -> scope.contains(lowered))) {
                return Optional.empty();
            }
        }
        if (!catalog.isEmpty() || table.contains("/") || table.contains("\\") || table.contains(".") || table.contains(":")) {
            throw refused(ErrorCode.SQL_FORBIDDEN_REFERENCE,
                    "'" + (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + table + "' is not a NeuroLake table: only 'table' or 'namespace.table' may be queried",
                    node);
        }
        try {
            return Optional.of(new TableReference(new TableName(schema.isEmpty() ? TableName.DEFAULT_NAMESPACE : schema, table), position));
        }
        catch (NeuroLakeException e) {
            throw new NeuroLakeException(ErrorCode.TABLE_NOT_FOUND, "Table '" + (schema.isEmpty() ? "" : schema + ".") + table + "' does not exist", Map.of("table", table, "position", position), e);
        }
    }

    private static void checkTableFunction(JsonNode node)
    {
        String name = node.path("function").path("function_name").asText("").toLowerCase(Locale.ROOT);
        if (!ALLOWED_TABLE_FUNCTIONS.contains(name)) {
            throw refused(ErrorCode.SQL_FORBIDDEN_FUNCTION,
                    "Table function '" + name + "' is not allowed: queries read NeuroLake tables only (allowed table functions: " + String.join(", ", ALLOWED_TABLE_FUNCTIONS.stream().sorted().toList()) + ")",
                    node);
        }
    }

    private static NeuroLakeException refused(ErrorCode code, String message, JsonNode node)
    {
        Map<String, Object> details = new LinkedHashMap<>();
        int position = position(node);
        if (position >= 0) {
            details.put("position", position);
        }
        return new NeuroLakeException(code, message, details);
    }

    /** DuckDB marks "no location" with the largest unsigned 64-bit value. */
    private static int position(JsonNode node)
    {
        JsonNode location = node.path("query_location");
        if (!location.canConvertToInt()) {
            return -1;
        }
        return location.asInt();
    }

    private static String firstWord(String sql)
    {
        String trimmed = sql.strip();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return end == 0 ? "this statement" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
