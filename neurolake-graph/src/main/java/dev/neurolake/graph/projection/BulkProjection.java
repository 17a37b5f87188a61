package dev.neurolake.graph.projection;

import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.ColumnInfo;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.TableName;
import dev.neurolake.sql.ExportFormat;
import dev.neurolake.sql.QueryRequest;
import dev.neurolake.sql.QueryService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * Writes a projection's node and relationship sets as CSV files for Neo4j's offline importer,
 * with DuckDB streaming each set straight to disk. The graph it gives equals what the
 * transactional path creates in an empty graph: one node per distinct key, one relationship
 * per distinct identity whose end nodes exist, the same property names and types (the
 * importer's header declares each column's type). Mappings it cannot reproduce exactly
 * (names the importer cannot take, a label fed by two node sets, column types without an
 * importer type) are reported by {@link #obstacle}, and the caller uses transactions instead.
 */
final class BulkProjection
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");
    private static final String LINE_BREAK = "(strpos(%1$s, chr(10)) > 0 OR strpos(%1$s, chr(13)) > 0)";

    private final LakeCatalog catalog;
    private final QueryService queries;

    BulkProjection(LakeCatalog catalog, QueryService queries)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.queries = requireNonNull(queries, "queries is null");
    }

    /** Why this (already validated) mapping cannot be bulk-imported exactly; empty when it can. */
    Optional<String> obstacle(ProjectionMapping mapping)
    {
        Map<String, NodeSet> nodeSets = new HashMap<>();
        for (NodeSet nodes : mapping.nodes()) {
            if (nodeSets.put(nodes.label(), nodes) != null) {
                return Optional.of("label " + nodes.label() + " is fed by more than one node set");
            }
            Map<String, ColumnInfo> columns = columns(nodes.table());
            Optional<String> problem = name("label", nodes.label())
                    .or(() -> name("property", nodes.keyProperty()))
                    .or(() -> keyType(columns.get(nodes.keyColumn())).isEmpty() ? Optional.of("key column " + nodes.keyColumn() + " is neither an integer nor text") : Optional.empty())
                    .or(() -> properties(nodes.properties(), columns));
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (RelationshipSet relationships : mapping.relationships()) {
            Map<String, ColumnInfo> columns = columns(relationships.table());
            Optional<String> problem = name("relationship type", relationships.type())
                    .or(() -> endpoint(relationships.from(), nodeSets, columns))
                    .or(() -> endpoint(relationships.to(), nodeSets, columns))
                    .or(() -> properties(relationships.properties(), columns));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Writes every set to a file under {@code directory}; returns the files and what each set holds. */
    Prepared write(ProjectionMapping mapping, TableAccess access, Path directory)
    {
        Map<String, NodeSet> nodeSets = new HashMap<>();
        mapping.nodes().forEach(nodes -> nodeSets.put(nodes.label(), nodes));
        Map<String, List<Path>> nodeFiles = new LinkedHashMap<>();
        Map<String, List<Path>> relationshipFiles = new LinkedHashMap<>();
        List<SetResult> results = new ArrayList<>();
        boolean integerIds = true;
        boolean multiline = false;
        for (int index = 0; index < mapping.nodes().size(); index++) {
            long start = System.nanoTime();
            NodeSet nodes = mapping.nodes().get(index);
            TableName table = TableName.parse(nodes.table());
            Map<String, ColumnInfo> columns = columns(nodes.table());
            String keyType = keyType(columns.get(nodes.keyColumn())).orElseThrow();
            integerIds &= keyType.equals("long");
            List<String> select = new ArrayList<>();
            select.add(quote(nodes.keyColumn()) + " AS " + quote(":ID(" + nodes.label() + ")"));
            select.add(quote(nodes.keyColumn()) + " AS " + quote(nodes.keyProperty() + ":" + keyType));
            select.addAll(propertyColumns(nodes.properties(), columns));
            String from = " FROM " + qualified(table) + " WHERE " + quote(nodes.keyColumn()) + " IS NOT NULL";
            Path file = directory.resolve("nodes-" + index + ".csv");
            long rows = export("SELECT DISTINCT ON (" + quote(nodes.keyColumn()) + ") " + String.join(", ", select) + from, access, file);
            nodeFiles.computeIfAbsent(nodes.label(), label -> new ArrayList<>()).add(file);
            multiline |= hasLineBreaks(textColumns(nodes.properties().keySet(), columns, nodes.keyColumn()), from, access);
            results.add(new SetResult("nodes", table.toString(), nodes.label(), rows, rows, 0, 0, (System.nanoTime() - start) / 1_000_000));
        }
        for (int index = 0; index < mapping.relationships().size(); index++) {
            long start = System.nanoTime();
            RelationshipSet relationships = mapping.relationships().get(index);
            TableName table = TableName.parse(relationships.table());
            Map<String, ColumnInfo> columns = columns(relationships.table());
            String fromColumn = quote(relationships.from().column());
            String toColumn = quote(relationships.to().column());
            List<String> identity = new ArrayList<>(List.of(fromColumn, toColumn));
            List<String> propertyColumns = new ArrayList<>(relationships.properties().keySet());
            for (String keyProperty : relationships.keyProperties()) {
                identity.add(quote(propertyColumns.get(new ArrayList<>(relationships.properties().values()).indexOf(keyProperty))));
            }
            List<String> select = new ArrayList<>();
            select.add(fromColumn + " AS " + quote(":START_ID(" + relationships.from().label() + ")"));
            select.add(toColumn + " AS " + quote(":END_ID(" + relationships.to().label() + ")"));
            select.addAll(propertyColumns(relationships.properties(), columns));
            String from = " FROM " + qualified(table) + " WHERE " + fromColumn + " IS NOT NULL AND " + toColumn + " IS NOT NULL";
            String distinct = "SELECT DISTINCT ON (" + String.join(", ", identity) + ") ";
            long rows = count("SELECT count(*) FROM (" + distinct + "1" + from + ")", access);
            // As MATCH does in a transaction, a row whose end node is missing makes no relationship.
            String existing = " AND " + fromColumn + " IN (" + keys(nodeSets.get(relationships.from().label())) + ")"
                    + " AND " + toColumn + " IN (" + keys(nodeSets.get(relationships.to().label())) + ")";
            Path file = directory.resolve("relationships-" + index + ".csv");
            long created = export(distinct + String.join(", ", select) + from + existing, access, file);
            relationshipFiles.computeIfAbsent(relationships.type(), type -> new ArrayList<>()).add(file);
            multiline |= hasLineBreaks(textColumns(relationships.properties().keySet(), columns, null), from, access);
            results.add(new SetResult("relationships", table.toString(), relationships.type(), rows, created, 0, rows - created, (System.nanoTime() - start) / 1_000_000));
        }
        return new Prepared(new BulkFiles(nodeFiles, relationshipFiles, integerIds, multiline, directory), results);
    }

    private long export(String sql, TableAccess access, Path file)
    {
        return queries.export(request(sql, access), ExportFormat.CSV, file);
    }

    private long count(String sql, TableAccess access)
    {
        return ((Number) queries.execute(request(sql, access)).rows().getFirst().getFirst()).longValue();
    }

    private static QueryRequest request(String sql, TableAccess access)
    {
        return new QueryRequest(sql, List.of(), OptionalInt.empty(), Optional.empty(), Optional.empty(), access);
    }

    private boolean hasLineBreaks(List<String> textColumns, String from, TableAccess access)
    {
        if (textColumns.isEmpty()) {
            return false;
        }
        String condition = String.join(" OR ", textColumns.stream().map(column -> LINE_BREAK.formatted(quote(column))).toList());
        return count("SELECT count(*) FROM (SELECT 1" + from + " AND (" + condition + ") LIMIT 1)", access) > 0;
    }

    private static List<String> textColumns(Iterable<String> names, Map<String, ColumnInfo> columns, String keyColumn)
    {
        List<String> text = new ArrayList<>();
        for (String name : names) {
            if (columns.get(name).type().equalsIgnoreCase("VARCHAR")) {
                text.add(name);
            }
        }
        if (keyColumn != null && columns.get(keyColumn).type().equalsIgnoreCase("VARCHAR")) {
            text.add(keyColumn);
        }
        return text;
    }

    private static String keys(NodeSet nodes)
    {
        return "SELECT " + quote(nodes.keyColumn()) + " FROM " + qualified(TableName.parse(nodes.table()));
    }

    private static List<String> propertyColumns(Map<String, String> properties, Map<String, ColumnInfo> columns)
    {
        List<String> select = new ArrayList<>();
        properties.forEach((column, property) -> {
            ImportType type = importType(columns.get(column).type()).orElseThrow();
            select.add(type.expression().formatted(quote(column)) + " AS " + quote(property + ":" + type.name()));
        });
        return select;
    }

    private Optional<String> endpoint(RelationshipEndpoint endpoint, Map<String, NodeSet> nodeSets, Map<String, ColumnInfo> columns)
    {
        NodeSet nodes = nodeSets.get(endpoint.label());
        if (nodes == null) {
            return Optional.of("label " + endpoint.label() + " has no node set in this projection");
        }
        if (endpoint.keyProperty().isPresent() && !endpoint.keyProperty().get().equals(nodes.keyProperty())) {
            return Optional.of("an endpoint of label " + endpoint.label() + " is not its key property");
        }
        Optional<String> columnType = keyType(columns.get(endpoint.column()));
        if (columnType.isEmpty() || !columnType.equals(keyType(columns(nodes.table()).get(nodes.keyColumn())))) {
            // A transaction matches keys by value and type; the importer would match their text.
            return Optional.of("column " + endpoint.column() + " does not have the type of the key of " + endpoint.label());
        }
        return Optional.empty();
    }

    private static Optional<String> properties(Map<String, String> properties, Map<String, ColumnInfo> columns)
    {
        for (Map.Entry<String, String> property : properties.entrySet()) {
            Optional<String> problem = name("property", property.getValue());
            if (problem.isPresent()) {
                return problem;
            }
            String type = columns.get(property.getKey()).type();
            if (importType(type).isEmpty()) {
                return Optional.of("column " + property.getKey() + " has type " + type + ", which the importer cannot type exactly");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> name(String kind, String name)
    {
        return NAME.matcher(name).matches() ? Optional.empty() : Optional.of(kind + " '" + name + "' is not a plain name the importer can take");
    }

    private static Optional<String> keyType(ColumnInfo column)
    {
        return switch (column.type().toUpperCase(Locale.ROOT)) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> Optional.of("long");
            case "VARCHAR" -> Optional.of("string");
            default -> Optional.empty();
        };
    }

    /**
     * The importer type and SQL expression that give the value a transaction would write (see
     * {@code GraphValues.parameter}): integers as long, floats widened to double, decimals with
     * a scale as double and without one as long, timestamps as local date-times.
     */
    private static Optional<ImportType> importType(String sqlType)
    {
        String type = sqlType.toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            if (scale > 0) {
                return Optional.of(new ImportType("double", "CAST(%s AS DOUBLE)"));
            }
            return precision <= 18 ? Optional.of(new ImportType("long", "%s")) : Optional.empty();
        }
        return switch (type) {
            case "BOOLEAN" -> Optional.of(new ImportType("boolean", "%s"));
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> Optional.of(new ImportType("long", "%s"));
            case "FLOAT", "DOUBLE" -> Optional.of(new ImportType("double", "CAST(%s AS DOUBLE)"));
            case "VARCHAR" -> Optional.of(new ImportType("string", "%s"));
            case "DATE" -> Optional.of(new ImportType("date", "%s"));
            case "TIMESTAMP" -> Optional.of(new ImportType("localdatetime", "strftime(%s, '%%Y-%%m-%%dT%%H:%%M:%%S.%%f')"));
            default -> Optional.empty();
        };
    }

    private Map<String, ColumnInfo> columns(String table)
    {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        for (ColumnInfo column : catalog.describe(TableName.parse(table)).columns()) {
            columns.put(column.name(), column);
        }
        return columns;
    }

    private static String qualified(TableName table)
    {
        return quote(table.namespace()) + "." + quote(table.name());
    }

    /** The files to import and, per set, the nodes or relationships they create. */
    record Prepared(BulkFiles files, List<SetResult> results) {}

    private record ImportType(String name, String expression) {}
}
