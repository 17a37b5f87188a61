package dev.neurolake.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.summary.SummaryCounters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.neurolake.graph.CypherNames.quote;
import static java.util.Objects.requireNonNull;

/**
 * The graph store over the Neo4j Java driver: the same code for the embedded Neo4j (on its
 * loopback Bolt port) and for a remote server or cluster. The driver pools connections; every
 * call runs through {@link GraphResilience}.
 */
public final class Neo4jGraphStore
        implements GraphStore
{
    /** Nodes or relationships per label or type whose properties the schema reads. */
    static final int PROPERTY_SAMPLE_SIZE = 1000;

    private final GraphSettings settings;
    private final Driver driver;
    private final GraphResilience resilience;
    private final MeterRegistry meters;

    public Neo4jGraphStore(GraphSettings settings, MeterRegistry meters)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.meters = requireNonNull(meters, "meters is null");
        Config config = Config.builder()
                .withLogging(Logging.slf4j())
                .withUserAgent("neurolake")
                .withMaxConnectionPoolSize(settings.maxConnectionPoolSize())
                .withConnectionTimeout(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // A pooled connection idle this long is checked before use: after a server restart it is dead.
                .withConnectionLivenessCheckTimeout(30, TimeUnit.SECONDS)
                // NeuroLake retries itself, with backoff and a circuit breaker around the retries.
                .withMaxTransactionRetryTime(0, TimeUnit.MILLISECONDS)
                .withTelemetryDisabled(true)
                .build();
        AuthToken auth = settings.username()
                .map(user -> AuthTokens.basic(user, settings.password().orElse("")))
                .orElseGet(AuthTokens::none);
        // Creating the driver does not connect: a store that is down at start is reported, and found again, later.
        this.driver = GraphDatabase.driver(settings.uri(), auth, config);
        this.resilience = new GraphResilience(settings, meters);
    }

    @Override
    public CypherResult execute(CypherRequest request)
    {
        requireNonNull(request, "request is null");
        if (request.query().isBlank()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "query must not be blank");
        }
        int maxRows = request.maxRows().orElse(settings.defaultMaxRows());
        if (maxRows < 1 || maxRows > settings.maxRowsLimit()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "maxRows must be between 1 and " + settings.maxRowsLimit(), Map.of("maxRows", maxRows));
        }
        Duration timeout = request.timeout().orElse(settings.defaultTimeout());
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(settings.maxTimeout()) > 0) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "timeoutSeconds must be between 1 and " + settings.maxTimeout().toSeconds(), Map.of("timeoutSeconds", timeout.toSeconds()));
        }
        Map<String, Object> parameters = GraphValues.parameters(request.parameters());
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            CypherResult result = resilience.call(timeout, request.access() == GraphAccess.READ,
                    () -> run(request.query(), parameters, maxRows, timeout, request.access(), start));
            outcome = "succeeded";
            return result;
        }
        catch (NeuroLakeException e) {
            Counter.builder("neurolake.graph.cypher.errors")
                    .description("Cypher statements that failed, by error code")
                    .tag("code", e.code().name())
                    .register(meters)
                    .increment();
            throw e;
        }
        finally {
            Timer.builder("neurolake.graph.cypher.duration")
                    .description("Time to run a Cypher statement and read its result")
                    .tag("access", request.access().name().toLowerCase(Locale.ROOT))
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private CypherResult run(String query, Map<String, Object> parameters, int maxRows, Duration timeout, GraphAccess access, long start)
    {
        TransactionCallback<CypherResult> work = transaction -> {
            CypherGuard.check(transaction.run(new Query("EXPLAIN " + query, parameters)).consume());
            Result result = transaction.run(new Query(query, parameters));
            List<String> columns = result.keys();
            GraphCollector graph = new GraphCollector();
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            while (result.hasNext()) {
                if (rows.size() == maxRows) {
                    truncated = true;
                    break;
                }
                rows.add(GraphValues.row(result.next(), graph));
            }
            // Consuming runs a write to its end even when not every row was read.
            ResultSummary summary = result.consume();
            return new CypherResult(columns, rows, truncated, graph.view(), counters(summary.counters()), queryType(summary), access, (System.nanoTime() - start) / 1_000_000);
        };
        try (Session session = driver.session(sessionConfig(access))) {
            // The access mode and the transaction kind are what makes Neo4j itself refuse writes.
            return access == GraphAccess.READ
                    ? session.executeRead(work, transactionConfig(timeout))
                    : session.executeWrite(work, transactionConfig(timeout));
        }
    }

    @Override
    public List<StatementResult> write(GraphWrite write)
    {
        requireNonNull(write, "write is null");
        // Which statement failed, set inside the transaction: the driver's exception cannot carry it, and
        // wrapping that exception would hide its type from the retry and circuit breaker predicates.
        int[] failedStatement = {-1};
        try {
            return resilience.call(write.timeout(), write.idempotent(), () -> {
                try (Session session = driver.session(sessionConfig(GraphAccess.WRITE))) {
                    return session.executeWrite(transaction -> runAll(transaction, write, failedStatement), transactionConfig(write.timeout()));
                }
            });
        }
        catch (NeuroLakeException e) {
            if (failedStatement[0] < 0) {
                throw e;
            }
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("statementIndex", failedStatement[0]);
            throw new NeuroLakeException(e.code(), e.getMessage(), details, e.getCause());
        }
    }

    private static List<StatementResult> runAll(TransactionContext transaction, GraphWrite write, int[] failedStatement)
    {
        List<StatementResult> results = new ArrayList<>();
        for (int index = 0; index < write.statements().size(); index++) {
            CypherStatement statement = write.statements().get(index);
            failedStatement[0] = index;
            Map<String, Object> parameters = GraphValues.parameters(statement.parameters());
            if (write.fromUser()) {
                CypherGuard.check(transaction.run(new Query("EXPLAIN " + statement.text(), parameters)).consume());
            }
            Result result = transaction.run(new Query(statement.text(), parameters));
            // NeuroLake's own statements return counts, not graph elements to draw.
            GraphCollector unused = new GraphCollector();
            List<Map<String, Object>> records = result.list(record -> GraphValues.map(record, unused));
            results.add(new StatementResult(records, counters(result.consume().counters())));
        }
        failedStatement[0] = -1;
        return results;
    }

    @Override
    public StatementPlan explain(CypherStatement statement)
    {
        requireNonNull(statement, "statement is null");
        Map<String, Object> parameters = GraphValues.parameters(statement.parameters());
        return resilience.call(settings.defaultTimeout(), true, () -> {
            // EXPLAIN runs nothing. An auto-commit transaction in a write session also plans index
            // commands, which Neo4j refuses to plan in a transaction that planned a write before.
            try (Session session = driver.session(sessionConfig(GraphAccess.WRITE))) {
                ResultSummary summary = session.run(new Query("EXPLAIN " + statement.text(), parameters), transactionConfig(settings.defaultTimeout())).consume();
                CypherGuard.check(summary);
                return new StatementPlan(queryType(summary));
            }
        });
    }

    @Override
    public GraphSchema schema()
    {
        return resilience.call(settings.defaultTimeout(), true, () -> {
            try (Session session = driver.session(sessionConfig(GraphAccess.READ))) {
                TransactionConfig config = transactionConfig(settings.defaultTimeout());
                List<String> labels = session.executeRead(transaction -> transaction.run("CALL db.labels() YIELD label RETURN label ORDER BY label").list(record -> record.get(0).asString()), config);
                List<String> types = session.executeRead(transaction -> transaction.run("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType")
                        .list(record -> record.get(0).asString()), config);
                GraphCounts counts = counts(session, config, labels, types);
                List<GraphSchema.Label> labelInfos = new ArrayList<>();
                for (String label : labels) {
                    List<GraphSchema.Property> properties = session.executeRead(transaction -> properties(transaction,
                            "MATCH (n:" + quote(label) + ") WITH n LIMIT $sample UNWIND keys(n) AS key RETURN key, collect(DISTINCT valueType(n[key])) AS types"), config);
                    labelInfos.add(new GraphSchema.Label(label, counts.labels().getOrDefault(label, 0L), properties));
                }
                List<GraphSchema.RelationshipType> typeInfos = new ArrayList<>();
                for (String type : types) {
                    List<GraphSchema.Property> properties = session.executeRead(transaction -> properties(transaction,
                            "MATCH ()-[r:" + quote(type) + "]->() WITH r LIMIT $sample UNWIND keys(r) AS key RETURN key, collect(DISTINCT valueType(r[key])) AS types"), config);
                    typeInfos.add(new GraphSchema.RelationshipType(type, counts.types().getOrDefault(type, 0L),
                            counts.startLabels().getOrDefault(type, List.of()), counts.endLabels().getOrDefault(type, List.of()), properties));
                }
                List<GraphSchema.Index> indexes = session.executeRead(transaction -> transaction.run(
                        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint RETURN * ORDER BY name").list(record -> new GraphSchema.Index(
                        record.get("name").asString(), record.get("type").asString(), record.get("entityType").asString(),
                        strings(record, "labelsOrTypes"), strings(record, "properties"), record.get("state").asString(),
                        record.get("owningConstraint").isNull() ? null : record.get("owningConstraint").asString())), config);
                List<GraphSchema.Constraint> constraints = session.executeRead(transaction -> transaction.run(
                        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties RETURN * ORDER BY name").list(record -> new GraphSchema.Constraint(
                        record.get("name").asString(), record.get("type").asString(), record.get("entityType").asString(),
                        strings(record, "labelsOrTypes"), strings(record, "properties"))), config);
                return new GraphSchema(labelInfos, typeInfos, indexes, constraints, PROPERTY_SAMPLE_SIZE);
            }
        });
    }

    /**
     * Exact counts from Neo4j's count store: one call to {@code db.stats.retrieve}, or, where
     * that procedure is not allowed (it needs admin rights on Enterprise), one count per label
     * and per type, without the split by start and end label.
     */
    private static GraphCounts counts(Session session, TransactionConfig config, List<String> labels, List<String> types)
    {
        try {
            return session.executeRead(transaction -> GraphCounts.from(transaction.run("CALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN data").single().get("data")), config);
        }
        catch (ClientException e) {
            Map<String, Long> labelCounts = new TreeMap<>();
            for (String label : labels) {
                labelCounts.put(label, session.executeRead(transaction -> transaction.run("MATCH (n:" + quote(label) + ") RETURN count(n)").single().get(0).asLong(), config));
            }
            Map<String, Long> typeCounts = new TreeMap<>();
            for (String type : types) {
                typeCounts.put(type, session.executeRead(transaction -> transaction.run("MATCH ()-[r:" + quote(type) + "]->() RETURN count(r)").single().get(0).asLong(), config));
            }
            return new GraphCounts(labelCounts, typeCounts, Map.of(), Map.of());
        }
    }

    private static List<GraphSchema.Property> properties(TransactionContext transaction, String query)
    {
        return transaction.run(query, Map.of("sample", PROPERTY_SAMPLE_SIZE)).list(record -> new GraphSchema.Property(
                        record.get("key").asString(),
                        record.get("types").asList(value -> value.asString().replace(" NOT NULL", "")).stream().distinct().sorted().toList()))
                .stream()
                .sorted(Comparator.comparing(GraphSchema.Property::name))
                .toList();
    }

    private static List<String> strings(Record record, String key)
    {
        return record.get(key).isNull() ? List.of() : record.get(key).asList(value -> value.asString());
    }

    @Override
    public GraphStatus status()
    {
        return resilience.call(settings.connectionTimeout(), true, () -> {
            try (Session session = driver.session(sessionConfig(GraphAccess.READ))) {
                return session.executeRead(transaction -> {
                    Record kernel = transaction.run("CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition").single();
                    return new GraphStatus(settings.uri().toString(), kernel.get("version").asString(), kernel.get("edition").asString(), resilience.circuitState());
                }, transactionConfig(settings.connectionTimeout()));
            }
        });
    }

    /** {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}, without calling the store. */
    public String circuitState()
    {
        return resilience.circuitState();
    }

    private SessionConfig sessionConfig(GraphAccess access)
    {
        SessionConfig.Builder builder = SessionConfig.builder()
                .withDefaultAccessMode(access == GraphAccess.READ ? AccessMode.READ : AccessMode.WRITE);
        settings.database().ifPresent(builder::withDatabase);
        return builder.build();
    }

    private static TransactionConfig transactionConfig(Duration timeout)
    {
        return TransactionConfig.builder().withTimeout(timeout).withMetadata(Map.of("application", "neurolake")).build();
    }

    private static UpdateCounters counters(SummaryCounters counters)
    {
        return new UpdateCounters(counters.nodesCreated(), counters.nodesDeleted(), counters.relationshipsCreated(), counters.relationshipsDeleted(),
                counters.propertiesSet(), counters.labelsAdded(), counters.labelsRemoved(), counters.indexesAdded(), counters.indexesRemoved(),
                counters.constraintsAdded(), counters.constraintsRemoved());
    }

    private static String queryType(ResultSummary summary)
    {
        return Optional.ofNullable(summary.queryType()).map(Enum::name).orElse("UNKNOWN");
    }

    @Override
    public void close()
    {
        resilience.close();
        driver.close();
    }
}
