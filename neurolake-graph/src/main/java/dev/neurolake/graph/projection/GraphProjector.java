package dev.neurolake.graph.projection;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.graph.CypherNames;
import dev.neurolake.graph.CypherRequest;
import dev.neurolake.graph.CypherStatement;
import dev.neurolake.graph.GraphStore;
import dev.neurolake.graph.GraphValues;
import dev.neurolake.graph.GraphWrite;
import dev.neurolake.graph.StatementResult;
import dev.neurolake.lake.ColumnInfo;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.TableName;
import dev.neurolake.sql.QueryService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.neurolake.duckdb.DuckDbSql.quote;
import static dev.neurolake.graph.CypherNames.require;
import static java.util.Objects.requireNonNull;

/**
 * Builds or refreshes the graph from lake tables by a {@link ProjectionMapping}. A run is
 * idempotent: it creates a uniqueness constraint per node label and key first, then MERGEs
 * nodes on their keys and relationships between them, in batches of one write transaction
 * each, from the tables' current snapshots. Running it again updates properties and adds
 * what is new; it does not delete nodes or relationships whose rows were deleted.
 */
public final class GraphProjector
{
    private static final Logger LOG = LoggerFactory.getLogger(GraphProjector.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final GraphStore graph;
    private final LakeCatalog catalog;
    private final QueryService queries;
    private final ProjectionStore store;
    private final ProjectionSettings settings;
    private final MeterRegistry meters;
    private final BulkProjection bulk;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public GraphProjector(GraphStore graph, LakeCatalog catalog, QueryService queries, ProjectionStore store, ProjectionSettings settings, MeterRegistry meters)
    {
        this.graph = requireNonNull(graph, "graph is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.bulk = new BulkProjection(catalog, queries);
    }

    /**
     * Checks and stores a mapping (replacing one of the same name), then runs it.
     *
     * @param access the tables the caller may read: a projection must not copy into the graph what its caller cannot see
     * @param principal who asks, recorded with a new projection
     */
    public ProjectionRun run(ProjectionMapping mapping, TableAccess access, Optional<String> principal)
    {
        requireNonNull(mapping, "mapping is null");
        requireNonNull(access, "access is null");
        Plan plan = plan(mapping, access);
        if (!running.add(mapping.name())) {
            throw new NeuroLakeException(ErrorCode.PROJECTION_RUNNING, "Projection '" + mapping.name() + "' is running; try again when it has finished", Map.of("name", mapping.name()));
        }
        try {
            store.save(mapping, principal);
            return execute(plan, this::writeTransactionally);
        }
        finally {
            running.remove(mapping.name());
        }
    }

    /**
     * Runs a projection into an empty graph by offline bulk import where it can, which is an
     * order of magnitude faster than transactions: the sets are written as CSV files, {@code
     * loader} replaces the (empty) graph with them, then the uniqueness constraints are
     * created; the graph and the recorded run are the same as {@link #run} gives. When the
     * graph is not empty, the mapping is one the importer cannot reproduce exactly, or the
     * import fails (the loader then leaves the graph empty), it runs with transactions instead.
     *
     * @param workDirectory where the CSV files are written, under the lake's data directory (the only place DuckDB may write); they are deleted afterwards
     */
    public ProjectionRun build(ProjectionMapping mapping, TableAccess access, Optional<String> principal, GraphBulkLoader loader, Path workDirectory)
    {
        requireNonNull(mapping, "mapping is null");
        requireNonNull(access, "access is null");
        requireNonNull(loader, "loader is null");
        requireNonNull(workDirectory, "workDirectory is null");
        Plan plan = plan(mapping, access);
        Optional<String> obstacle = bulk.obstacle(mapping).or(() -> graphEmpty() ? Optional.empty() : Optional.of("the graph is not empty"));
        if (obstacle.isPresent()) {
            LOG.info("Projection '{}' runs with transactions, not by bulk import: {}", mapping.name(), obstacle.get());
            return run(mapping, access, principal);
        }
        if (!running.add(mapping.name())) {
            throw new NeuroLakeException(ErrorCode.PROJECTION_RUNNING, "Projection '" + mapping.name() + "' is running; try again when it has finished", Map.of("name", mapping.name()));
        }
        try {
            store.save(mapping, principal);
            return execute(plan, current -> writeInBulk(current, access, loader, workDirectory));
        }
        finally {
            running.remove(mapping.name());
        }
    }

    /** Runs a stored projection again, refreshing the graph from the tables' current snapshots. */
    public ProjectionRun rerun(String name, TableAccess access, Optional<String> principal)
    {
        ProjectionInfo info = find(name).orElseThrow(() -> new NeuroLakeException(ErrorCode.PROJECTION_NOT_FOUND, "Projection '" + name + "' does not exist", Map.of("name", name)));
        return run(info.mapping(), access, principal);
    }

    public List<ProjectionInfo> list()
    {
        return store.list();
    }

    public Optional<ProjectionInfo> find(String name)
    {
        return store.find(name);
    }

    private ProjectionRun execute(Plan plan, Function<Plan, List<SetResult>> writer)
    {
        String name = plan.mapping().name();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        store.started(name, startedAt);
        String outcome = "failed";
        try {
            List<SetResult> results = writer.apply(plan);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            ProjectionRun run = summarize(name, results, elapsedMillis);
            store.succeeded(name, run);
            outcome = "succeeded";
            DistributionSummary.builder("neurolake.graph.projection.throughput")
                    .description("Nodes and relationships written per second, per projection run")
                    .baseUnit("items_per_second")
                    .register(meters)
                    .record(run.itemsPerSecond());
            LOG.info("Projection '{}': {} rows read, {} nodes and {} relationships created, {} nodes and {} relationships updated, {} relationships skipped, in {} ms ({} per second)",
                    name, run.rowsRead(), run.nodesCreated(), run.relationshipsCreated(), run.nodesUpdated(), run.relationshipsUpdated(), run.relationshipsSkipped(),
                    elapsedMillis, Math.round(run.itemsPerSecond()));
            return run;
        }
        catch (NeuroLakeException e) {
            store.failed(name, e);
            throw e;
        }
        catch (RuntimeException e) {
            store.failed(name, new NeuroLakeException(ErrorCode.INTERNAL_ERROR, String.valueOf(e.getMessage()), e));
            throw e;
        }
        finally {
            Timer.builder("neurolake.graph.projection.duration")
                    .description("Time to run a graph projection")
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private List<SetResult> writeTransactionally(Plan plan)
    {
        createConstraints(plan);
        List<SetResult> results = new ArrayList<>();
        for (SetPlan set : plan.sets()) {
            results.add(write(set));
        }
        return results;
    }

    private List<SetResult> writeInBulk(Plan plan, TableAccess access, GraphBulkLoader loader, Path workDirectory)
    {
        Path directory = createDirectory(workDirectory);
        try {
            BulkProjection.Prepared prepared = bulk.write(plan.mapping(), access, directory);
            long start = System.nanoTime();
            String summary;
            try {
                summary = loader.replaceGraph(prepared.files());
            }
            catch (RuntimeException e) {
                LOG.warn("Bulk import of projection '{}' failed, so it runs with transactions: {}", plan.mapping().name(), e.getMessage(), e);
                return writeTransactionally(plan);
            }
            LOG.info("Projection '{}': bulk import and restart of the graph took {} ms ({})", plan.mapping().name(), (System.nanoTime() - start) / 1_000_000, summary);
            // Built over the imported nodes: from here on the graph is as a transactional run leaves it.
            createConstraints(plan);
            prepared.results().forEach(result -> Counter.builder("neurolake.graph.projection.rows")
                    .description("Rows written into the graph by projections")
                    .tag("kind", result.kind())
                    .register(meters)
                    .increment(result.created()));
            return prepared.results();
        }
        finally {
            deleteDirectory(directory);
        }
    }

    private void createConstraints(Plan plan)
    {
        for (String constraint : plan.constraints()) {
            // Index commands run alone: Neo4j does not mix them with writes in a transaction.
            graph.write(new GraphWrite(List.of(CypherStatement.of(constraint)), settings.batchTimeout(), true, false));
        }
    }

    /** No nodes, no relationships (they need nodes) and no indexes or constraints but Neo4j's own lookup indexes. */
    private boolean graphEmpty()
    {
        return count("MATCH (n) RETURN count(n)") == 0
                && count("SHOW CONSTRAINTS YIELD name RETURN count(name)") == 0
                && count("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(type)") == 0;
    }

    private long count(String cypher)
    {
        return ((Number) graph.execute(CypherRequest.read(cypher)).rows().getFirst().getFirst()).longValue();
    }

    private static Path createDirectory(Path workDirectory)
    {
        try {
            Files.createDirectories(workDirectory);
            return Files.createTempDirectory(workDirectory, "projection-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory under " + workDirectory, e);
        }
    }

    private static void deleteDirectory(Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            LOG.warn("Cannot delete the projection files under {}: {}", directory, e.getMessage());
        }
    }

    private SetResult write(SetPlan set)
    {
        long start = System.nanoTime();
        LongAdder rows = new LongAdder();
        LongAdder created = new LongAdder();
        LongAdder merged = new LongAdder();
        Counter written = Counter.builder("neurolake.graph.projection.rows")
                .description("Rows written into the graph by projections")
                .tag("kind", set.kind())
                .register(meters);
        boolean empty = count(set.countCypher()) == 0;
        String sql = empty ? set.createSql() : set.mergeSql();
        String cypher = empty ? set.createCypher() : set.mergeCypher();
        // A CREATE batch must never run twice: it is retried only when Neo4j reports it rolled back.
        boolean idempotent = !empty;
        try (LakeBatches batches = new LakeBatches(queries, sql, set.access(), settings.batchSize(), set.toRow());
                BatchWriters writers = new BatchWriters(settings.writers())) {
            for (List<Value> batch = batches.next(); batch != null; batch = batches.next()) {
                List<Value> rowsOfBatch = batch;
                writers.submit(() -> {
                    StatementResult result = graph.write(new GraphWrite(List.of(new CypherStatement(cypher, Map.of("rows", Values.value(rowsOfBatch)))),
                            settings.batchTimeout(), idempotent, false)).getFirst();
                    rows.add(rowsOfBatch.size());
                    if (set.kind().equals("nodes")) {
                        created.add(result.counters().nodesCreated());
                        merged.add(rowsOfBatch.size());
                    }
                    else {
                        created.add(result.counters().relationshipsCreated());
                        merged.add(((Number) result.records().getFirst().get("merged")).longValue());
                    }
                    written.increment(rowsOfBatch.size());
                });
            }
            writers.awaitAll();
        }
        return new SetResult(set.kind(), set.table().toString(), set.name(), rows.sum(), created.sum(), merged.sum() - created.sum(), rows.sum() - merged.sum(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static ProjectionRun summarize(String name, List<SetResult> results, long elapsedMillis)
    {
        long rowsRead = 0;
        long nodesCreated = 0;
        long nodesUpdated = 0;
        long relationshipsCreated = 0;
        long relationshipsUpdated = 0;
        long relationshipsSkipped = 0;
        for (SetResult result : results) {
            rowsRead += result.rows();
            if (result.kind().equals("nodes")) {
                nodesCreated += result.created();
                nodesUpdated += result.updated();
            }
            else {
                relationshipsCreated += result.created();
                relationshipsUpdated += result.updated();
                relationshipsSkipped += result.skipped();
            }
        }
        return new ProjectionRun(name, rowsRead, nodesCreated, nodesUpdated, relationshipsCreated, relationshipsUpdated, relationshipsSkipped, elapsedMillis, results);
    }

    /** Checks a mapping against the catalog and the caller's grants, and turns it into SQL and Cypher. */
    private Plan plan(ProjectionMapping mapping, TableAccess access)
    {
        if (!NAME.matcher(mapping.name()).matches()) {
            throw invalid("Projection name '" + mapping.name() + "' must be 1 to 128 letters, digits, '_' or '-'", Map.of("name", mapping.name()));
        }
        if (mapping.nodes().isEmpty() && mapping.relationships().isEmpty()) {
            throw invalid("A projection needs at least one node set or relationship set", Map.of("name", mapping.name()));
        }
        Map<String, String> keyOfLabel = new HashMap<>();
        Set<String> constraints = new LinkedHashSet<>();
        List<SetPlan> sets = new ArrayList<>();
        for (int index = 0; index < mapping.nodes().size(); index++) {
            NodeSet nodes = mapping.nodes().get(index);
            String where = "nodes[" + index + "]";
            String label = require(nodes.label(), "label in " + where, ErrorCode.PROJECTION_INVALID);
            String keyProperty = require(nodes.keyProperty(), "key property in " + where, ErrorCode.PROJECTION_INVALID);
            String previous = keyOfLabel.putIfAbsent(label, keyProperty);
            if (previous != null && !previous.equals(keyProperty)) {
                throw invalid("Label " + label + " is keyed by both '" + previous + "' and '" + keyProperty + "': a label needs one key", Map.of("label", label));
            }
            TableName table = table(nodes.table(), access);
            Map<String, ColumnInfo> columns = columns(table);
            List<String> selected = new ArrayList<>();
            selected.add(column(columns, table, nodes.keyColumn()));
            List<String> propertyNames = properties(nodes.properties(), columns, table, selected, where);
            constraints.add("CREATE CONSTRAINT " + CypherNames.constraintName(label, keyProperty) + " IF NOT EXISTS FOR (n:" + quoteCypher(label) + ") REQUIRE n." + quoteCypher(keyProperty) + " IS UNIQUE");
            List<String> key = List.of(selected.getFirst());
            String node = "(n:" + quoteCypher(label) + " {" + quoteCypher(keyProperty) + ": row[0]";
            String merge = "UNWIND $rows AS row MERGE " + node + "})" + assignments("n", propertyNames, 1);
            String create = "UNWIND $rows AS row CREATE " + node + inline(propertyNames, 1) + "})";
            sets.add(new SetPlan("nodes", table, label, "MATCH (n:" + quoteCypher(label) + ") RETURN count(n) AS count",
                    select(selected, table, key, false), merge, select(selected, table, key, true), create, access, GraphProjector::row));
        }
        for (int index = 0; index < mapping.relationships().size(); index++) {
            RelationshipSet relationships = mapping.relationships().get(index);
            String where = "relationships[" + index + "]";
            String type = require(relationships.type(), "relationship type in " + where, ErrorCode.PROJECTION_INVALID);
            String fromLabel = require(relationships.from().label(), "from label in " + where, ErrorCode.PROJECTION_INVALID);
            String toLabel = require(relationships.to().label(), "to label in " + where, ErrorCode.PROJECTION_INVALID);
            String fromKey = endpointKey(relationships.from(), keyOfLabel, where + ".from");
            String toKey = endpointKey(relationships.to(), keyOfLabel, where + ".to");
            TableName table = table(relationships.table(), access);
            Map<String, ColumnInfo> columns = columns(table);
            List<String> selected = new ArrayList<>();
            selected.add(column(columns, table, relationships.from().column()));
            selected.add(column(columns, table, relationships.to().column()));
            List<String> propertyNames = properties(relationships.properties(), columns, table, selected, where);
            List<String> identityColumns = new ArrayList<>(selected.subList(0, 2));
            StringBuilder identity = new StringBuilder();
            for (String keyProperty : relationships.keyProperties()) {
                int position = propertyNames.indexOf(keyProperty);
                if (position < 0) {
                    throw invalid("Key property '" + keyProperty + "' of " + where + " is not one of its properties " + propertyNames, Map.of("keyProperty", keyProperty));
                }
                identityColumns.add(selected.get(position + 2));
                identity.append(identity.isEmpty() ? " {" : ", ").append(quoteCypher(keyProperty)).append(": row[").append(position + 2).append(']');
            }
            if (!identity.isEmpty()) {
                identity.append('}');
            }
            String match = "UNWIND $rows AS row"
                    + " MATCH (start:" + quoteCypher(fromLabel) + " {" + quoteCypher(fromKey) + ": row[0]})"
                    + " MATCH (end:" + quoteCypher(toLabel) + " {" + quoteCypher(toKey) + ": row[1]})";
            String merge = match + " MERGE (start)-[r:" + quoteCypher(type) + identity + "]->(end)" + assignments("r", propertyNames, 2) + " RETURN count(r) AS merged";
            String inlineProperties = inline(propertyNames, 2);
            String create = match + " CREATE (start)-[r:" + quoteCypher(type) + (inlineProperties.isEmpty() ? "" : " {" + inlineProperties.substring(2) + "}") + "]->(end)"
                    + " RETURN count(r) AS merged";
            sets.add(new SetPlan("relationships", table, type, "MATCH ()-[r:" + quoteCypher(type) + "]->() RETURN count(r) AS count",
                    select(selected, table, identityColumns, false), merge, select(selected, table, identityColumns, true), create, access, GraphProjector::row));
        }
        return new Plan(mapping, List.copyOf(constraints), sets);
    }

    /** A row as a driver list: keys first, then properties, in the order of the generated Cypher's {@code row[i]}. */
    private static Value row(Object[] values)
    {
        Object[] converted = new Object[values.length];
        for (int index = 0; index < values.length; index++) {
            converted[index] = GraphValues.parameter(values[index]);
        }
        return Values.value(Arrays.asList(converted));
    }

    /** {@code SET n.a = row[1], n.b = row[2]}: a NULL column removes the property, so refreshes clear old values. */
    private static String assignments(String variable, List<String> names, int offset)
    {
        StringBuilder set = new StringBuilder();
        for (int index = 0; index < names.size(); index++) {
            set.append(index == 0 ? " SET " : ", ").append(variable).append('.').append(quoteCypher(names.get(index))).append(" = row[").append(offset + index).append(']');
        }
        return set.toString();
    }

    /** {@code , a: row[1], b: row[2]} for a map literal after the key. */
    private static String inline(List<String> names, int offset)
    {
        StringBuilder map = new StringBuilder();
        for (int index = 0; index < names.size(); index++) {
            map.append(", ").append(quoteCypher(names.get(index))).append(": row[").append(offset + index).append(']');
        }
        return map.toString();
    }

    private static String endpointKey(RelationshipEndpoint endpoint, Map<String, String> keyOfLabel, String where)
    {
        if (endpoint.keyProperty().isPresent()) {
            return require(endpoint.keyProperty().get(), "key property of " + where, ErrorCode.PROJECTION_INVALID);
        }
        String key = keyOfLabel.get(endpoint.label());
        if (key == null) {
            throw invalid("Label " + endpoint.label() + " of " + where + " is not a node set of this projection: add one, or name its keyProperty",
                    Map.of("label", endpoint.label()));
        }
        return key;
    }

    private TableName table(String name, TableAccess access)
    {
        TableName table = TableName.parse(name);
        // Grants first, so a denial does not reveal whether the table exists.
        access.checkRead(table);
        if (!catalog.exists(table)) {
            throw new NeuroLakeException(ErrorCode.TABLE_NOT_FOUND, "Table '" + table + "' does not exist", Map.of("table", table.toString()));
        }
        return table;
    }

    private Map<String, ColumnInfo> columns(TableName table)
    {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        for (ColumnInfo column : catalog.describe(table).columns()) {
            columns.put(column.name(), column);
        }
        return columns;
    }

    private static String column(Map<String, ColumnInfo> columns, TableName table, String name)
    {
        if (name == null || !columns.containsKey(name)) {
            throw invalid("Table " + table + " has no column '" + name + "'; its columns are " + columns.keySet(),
                    Map.of("table", table.toString(), "column", String.valueOf(name)));
        }
        return name;
    }

    private static List<String> properties(Map<String, String> mapping, Map<String, ColumnInfo> columns, TableName table, List<String> selected, String where)
    {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> property : mapping.entrySet()) {
            selected.add(column(columns, table, property.getKey()));
            String name = require(property.getValue(), "property name in " + where, ErrorCode.PROJECTION_INVALID);
            if (names.contains(name)) {
                throw invalid("Property '" + name + "' is mapped twice in " + where, Map.of("property", name));
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The rows of a set, without NULL keys. {@code distinct} keeps one row per identity (what
     * MERGE would collapse into one node or relationship), for the CREATE path.
     */
    private static String select(List<String> columns, TableName table, List<String> identity, boolean distinct)
    {
        return "SELECT " + (distinct ? "DISTINCT ON (" + String.join(", ", identity.stream().map(column -> quote(column)).toList()) + ") " : "")
                + String.join(", ", columns.stream().map(column -> quote(column)).toList())
                + " FROM " + quote(table.namespace()) + "." + quote(table.name())
                + " WHERE " + String.join(" AND ", identity.stream().map(column -> quote(column) + " IS NOT NULL").toList());
    }

    private static String quoteCypher(String identifier)
    {
        return CypherNames.quote(identifier);
    }

    private static NeuroLakeException invalid(String message, Map<String, ?> details)
    {
        return new NeuroLakeException(ErrorCode.PROJECTION_INVALID, message, details);
    }

    private record Plan(ProjectionMapping mapping, List<String> constraints, List<SetPlan> sets) {}

    /**
     * How one set is written. While its label has no nodes (or its type no relationships), no
     * MERGE could match, so the faster CREATE runs instead, over rows made distinct on the
     * identity MERGE would use: the result is the same.
     */
    private record SetPlan(String kind, TableName table, String name, String countCypher, String mergeSql, String mergeCypher, String createSql, String createCypher,
            TableAccess access, Function<Object[], Value> toRow) {}
}
