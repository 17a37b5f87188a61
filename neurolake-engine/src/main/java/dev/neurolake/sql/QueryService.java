package dev.neurolake.sql;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.TableName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs read queries over the current snapshots of lake tables: analysis, execution with a
 * timeout, cancellation, paged results and history.
 */
public final class QueryService
        implements AutoCloseable
{
    private final DuckDbRuntime duckdb;
    private final LakeCatalog catalog;
    private final QueryHistory history;
    private final QuerySettings settings;
    private final SqlAnalyzer analyzer = new SqlAnalyzer();
    private final SnapshotViews views;
    private final WriteExecutor writes;
    private final Map<String, RunningQuery> running = new ConcurrentHashMap<>();
    private final Map<String, ResultCursor> cursors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final DistributionSummary rowsSummary;
    private final List<QueryListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public QueryService(DuckDbRuntime duckdb, LakeCatalog catalog, QueryHistory history, QuerySettings settings, MeterRegistry meters)
    {
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.history = requireNonNull(history, "history is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.views = new SnapshotViews(catalog);
        this.writes = new WriteExecutor(duckdb, catalog, this::prepareViews);
        this.rowsSummary = DistributionSummary.builder("neurolake.query.rows")
                .description("Rows returned by a query's first page")
                .baseUnit("rows")
                .register(meters);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "neurolake-query-timer");
            thread.setDaemon(true);
            return thread;
        });
        long sweep = Math.max(1, settings.cursorIdleTimeout().toSeconds() / 4);
        scheduler.scheduleWithFixedDelay(this::closeIdleCursors, sweep, sweep, TimeUnit.SECONDS);
    }

    /** Tells a listener about every query that finished (audit). */
    public void addListener(QueryListener listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Runs a read query and returns its first page. */
    public QueryResult execute(QueryRequest request)
    {
        requireNonNull(request, "request is null");
        int pageSize = pageSize(request);
        Duration timeout = timeout(request);
        if (request.sql().isBlank()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "sql must not be blank");
        }
        long start = System.nanoTime();
        String queryId = UUID.randomUUID().toString();
        history.started(queryId, request.principal(), request.sql());
        RunningQuery query = new RunningQuery(queryId);
        running.put(queryId, query);
        ScheduledFuture<?> timer = scheduler.schedule(() -> query.stop(QueryStatus.TIMED_OUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Future<QueryResult> future = duckdb.submit(() -> run(query, request, pageSize, start));
            query.attach(future);
            QueryResult result;
            try {
                result = DuckDbRuntime.await(future);
            }
            catch (NeuroLakeException e) {
                if (e.code() != ErrorCode.SQL_NOT_READ_ONLY || query.stopReason().isPresent()) {
                    throw e;
                }
                // DuckDB parses only reads for us; a write runs here, off the DuckDB threads it calls itself.
                result = write(query, request, start);
            }
            record(query, request, QueryStatus.SUCCEEDED, OptionalLong.of(result.rowCount()), start, Optional.empty());
            rowsSummary.record(result.rowCount());
            return result;
        }
        catch (NeuroLakeException | CancellationException e) {
            NeuroLakeException failure = query.stopReason()
                    .map(status -> stopped(status, queryId, timeout))
                    .orElseGet(() -> e instanceof NeuroLakeException known ? known : new NeuroLakeException(ErrorCode.QUERY_CANCELLED, "Query was cancelled", e));
            QueryStatus status = query.stopReason().orElse(QueryStatus.FAILED);
            record(query, request, status, OptionalLong.empty(), start, Optional.of(failure));
            throw failure;
        }
        finally {
            timer.cancel(false);
            running.remove(queryId);
        }
    }

    private QueryResult write(RunningQuery query, QueryRequest request, long start)
    {
        if (request.asOf().isPresent()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "asOfSnapshot and asOfTimestamp apply to reads only", Map.of());
        }
        WriteStatement statement = WriteStatementParser.parse(request.sql());
        if (!request.writesAllowed()) {
            throw new NeuroLakeException(ErrorCode.FORBIDDEN, "Writing tables needs the DATA_WRITE permission", Map.of("requiredPermission", "DATA_WRITE"));
        }
        List<TableName> touched = new java.util.ArrayList<>(List.of(statement.table()));
        query.tables(touched);
        WriteExecutor.Outcome outcome = writes.execute(statement, request.access());
        outcome.tablesRead().stream().filter(table -> !touched.contains(table)).forEach(touched::add);
        query.tables(List.copyOf(touched));
        List<ResultColumn> columns = List.of(new ResultColumn("rows_affected", "BIGINT"), new ResultColumn("snapshot_id", "BIGINT"));
        List<Object> row = new java.util.ArrayList<>();
        row.add(outcome.rowsAffected());
        row.add(outcome.snapshotId().orElse(null));
        return new QueryResult(query.id(), columns, List.of(row), false, Optional.empty(), (System.nanoTime() - start) / 1_000_000,
                Optional.of(new QueryResult.WriteSummary(outcome.statement(), outcome.rowsAffected(), outcome.snapshotId())));
    }

    /** The next page of a query whose previous page said {@code truncated}. */
    public QueryResult fetch(String queryId, String cursorToken)
    {
        ResultCursor cursor = cursors.get(queryId);
        if (cursor == null || !cursor.expectedToken().equals(cursorToken)) {
            throw new NeuroLakeException(ErrorCode.CURSOR_EXPIRED,
                    "No open result for query " + queryId + " at cursor '" + cursorToken + "': results are kept " + settings.cursorIdleTimeout().toMinutes() + " minutes after the last page was read, and pages are read in order",
                    Map.of("queryId", queryId, "cursor", cursorToken));
        }
        QueryResult page = duckdb.call(() -> {
            try {
                return cursor.nextPage();
            }
            catch (SQLException e) {
                throw SqlErrors.translate(e, "", "");
            }
        });
        history.addRows(queryId, page.rowCount());
        if (!page.truncated()) {
            closeCursor(queryId);
        }
        return page;
    }

    /** DuckDB's plan for a read query, without running it (or running it, for {@code analyze}). */
    public String explain(String sql, List<Object> parameters, boolean analyze, TableAccess access)
    {
        String prefix = analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ";
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                prepareViews(connection, sql, access);
                try (PreparedStatement statement = connection.prepareStatement(prefix + sql)) {
                    bind(statement, parameters);
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet resultSet = statement.executeQuery()) {
                        while (resultSet.next()) {
                            plan.append(resultSet.getString(2));
                        }
                    }
                    return plan.toString();
                }
                catch (SQLException e) {
                    throw SqlErrors.translate(e, prefix, sql);
                }
            }
        });
    }

    /**
     * Writes a read query's whole result to a file (no row limit, constant memory: DuckDB streams
     * it to disk), for download. Recorded in history and audited like any query.
     */
    public long export(QueryRequest request, ExportFormat format, java.nio.file.Path target)
    {
        long start = System.nanoTime();
        String queryId = UUID.randomUUID().toString();
        history.started(queryId, request.principal(), request.sql());
        RunningQuery query = new RunningQuery(queryId);
        try {
            long rows = duckdb.call(() -> {
                try (Connection connection = duckdb.connect()) {
                    query.tables(prepareViews(connection, request.sql(), request.access()));
                    String sql = request.asOf().isPresent() ? asOf(connection, request.sql(), request.asOf().get(), query.tables()) : request.sql();
                    try (PreparedStatement statement = connection.prepareStatement("COPY (" + sql + ") TO " + dev.neurolake.duckdb.DuckDbSql.literal(target.toString()) + " (" + format.copyOptions() + ")")) {
                        bind(statement, request.parameters());
                        // COPY reports the rows it wrote as its update count.
                        return statement.executeLargeUpdate();
                    }
                    catch (SQLException e) {
                        throw SqlErrors.translate(e, "COPY (", sql);
                    }
                }
            });
            record(query, request, QueryStatus.SUCCEEDED, OptionalLong.of(rows), start, Optional.empty());
            return rows;
        }
        catch (NeuroLakeException e) {
            record(query, request, QueryStatus.FAILED, OptionalLong.empty(), start, Optional.of(e));
            throw e;
        }
    }

    /** Cancels a running query or closes its open result. */
    public QueryStatus cancel(String queryId)
    {
        RunningQuery query = running.get(queryId);
        if (query != null) {
            query.stop(QueryStatus.CANCELLED);
            return QueryStatus.CANCELLED;
        }
        if (cursors.containsKey(queryId)) {
            closeCursor(queryId);
            return QueryStatus.CANCELLED;
        }
        HistoryEntry entry = history.find(queryId)
                .orElseThrow(() -> new NeuroLakeException(ErrorCode.QUERY_NOT_FOUND, "Query " + queryId + " is not known", Map.of("queryId", queryId)));
        throw new NeuroLakeException(ErrorCode.QUERY_NOT_RUNNING, "Query " + queryId + " is not running: it is " + entry.status().name().toLowerCase(Locale.ROOT),
                Map.of("queryId", queryId, "status", entry.status().name()));
    }

    /** Queries running now, for operators. */
    public List<String> runningQueries()
    {
        return List.copyOf(running.keySet());
    }

    /** A query's history entry. */
    public Optional<HistoryEntry> find(String queryId)
    {
        return history.find(queryId);
    }

    public HistoryPage history(Optional<String> principal, int limit, Optional<String> pageToken)
    {
        return history.page(principal, limit, pageToken);
    }

    /** The first rows of a table, without history: a catalog view, not a user query. */
    public QueryResult preview(TableName table, int limit, TableAccess access)
    {
        access.checkRead(table);
        if (limit < 1 || limit > settings.maxRowsLimit()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + settings.maxRowsLimit(), Map.of("limit", limit));
        }
        long start = System.nanoTime();
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                views.refresh(connection, List.of(table));
                String sql = "SELECT * FROM " + dev.neurolake.duckdb.DuckDbSql.quote(table.namespace()) + "." + dev.neurolake.duckdb.DuckDbSql.quote(table.name()) + " LIMIT " + limit;
                try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet resultSet = statement.executeQuery()) {
                    List<ResultColumn> columns = ResultValues.columns(resultSet.getMetaData());
                    List<List<Object>> rows = new ArrayList<>();
                    while (resultSet.next()) {
                        rows.add(ResultValues.row(resultSet, columns.size()));
                    }
                    return new QueryResult("preview", columns, rows, false, Optional.empty(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        });
    }

    /**
     * Streams every row of a read query over the current snapshots of lake tables to a consumer,
     * for NeuroLake's own bulk readers such as graph projections. The query is analyzed and
     * bound like a user's, but it is not recorded in history and has no page size or timeout:
     * the consumer decides when to stop. Every table the query names is checked against
     * {@code access}. Returns the number of rows read.
     */
    public long scan(String sql, List<Object> parameters, TableAccess access, RowConsumer consumer)
    {
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(access, "access is null");
        requireNonNull(consumer, "consumer is null");
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                prepareViews(connection, sql, access);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    bind(statement, parameters);
                    try (ResultSet resultSet = statement.executeQuery()) {
                        List<ResultColumn> columns = ResultValues.columns(resultSet.getMetaData());
                        consumer.columns(columns);
                        long rows = 0;
                        while (resultSet.next()) {
                            Object[] values = new Object[columns.size()];
                            for (int index = 0; index < values.length; index++) {
                                values[index] = resultSet.getObject(index + 1);
                            }
                            consumer.row(values);
                            rows++;
                        }
                        return rows;
                    }
                }
                catch (SQLException e) {
                    throw SqlErrors.translate(e, "", sql);
                }
            }
        });
    }

    /** Drops the DuckDB view of a table that was dropped from the lake. */
    public void forget(TableName table)
    {
        duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                views.drop(connection, table);
            }
            return null;
        });
    }

    private QueryResult run(RunningQuery query, QueryRequest request, int pageSize, long start)
            throws SQLException
    {
        Connection connection = duckdb.connect();
        PreparedStatement statement = null;
        boolean keepOpen = false;
        try {
            query.tables(prepareViews(connection, request.sql(), request.access()));
            String sql = request.asOf().isPresent() ? asOf(connection, request.sql(), request.asOf().get(), query.tables()) : request.sql();
            try {
                statement = connection.prepareStatement(sql);
                bind(statement, request.parameters());
                query.executing(statement);
                ResultSet resultSet = statement.executeQuery();
                ResultCursor cursor = new ResultCursor(query.id(), connection, statement, resultSet, ResultValues.columns(resultSet.getMetaData()), pageSize, start);
                QueryResult first = cursor.nextPage();
                if (first.truncated()) {
                    openCursor(cursor);
                    keepOpen = true;
                }
                return first;
            }
            catch (SQLException e) {
                if (query.stopReason().isPresent()) {
                    throw new CancellationException(e.getMessage());
                }
                throw SqlErrors.translate(e, "", sql);
            }
        }
        finally {
            if (!keepOpen) {
                if (statement != null) {
                    statement.close();
                }
                connection.close();
            }
        }
    }

    /** The query with each table replaced by its view as of the requested snapshot or time. */
    private String asOf(Connection connection, String sql, AsOf asOf, List<TableName> tables)
            throws SQLException
    {
        Map<TableName, String[]> replacements = new java.util.HashMap<>();
        for (TableName name : tables) {
            org.apache.iceberg.Table table = catalog.load(name);
            org.apache.iceberg.Snapshot snapshot = asOf.resolve(name, table);
            views.snapshotView(connection, table, snapshot);
            replacements.put(name, new String[] {SnapshotViews.SNAPSHOT_SCHEMA, table.uuid() + "@" + snapshot.snapshotId()});
        }
        return analyzer.rewrite(connection, sql, replacements);
    }

    /** Checks every table the statement names (grants first, so a denial does not reveal existence) and points their views at current snapshots. */
    private List<TableName> prepareViews(Connection connection, String sql, TableAccess access)
            throws SQLException
    {
        AnalyzedQuery analyzed = analyzer.analyze(connection, sql);
        for (TableReference reference : analyzed.references()) {
            if (!access.canRead(reference.table())) {
                throw new NeuroLakeException(ErrorCode.TABLE_ACCESS_DENIED, "No READ grant on table '" + reference.table() + "'",
                        Map.of("table", reference.table().toString(), "privilege", "READ", "position", reference.position()));
            }
        }
        for (TableReference reference : analyzed.references()) {
            if (!catalog.exists(reference.table())) {
                throw new NeuroLakeException(ErrorCode.TABLE_NOT_FOUND, "Table '" + reference.table() + "' does not exist",
                        Map.of("table", reference.table().toString(), "position", reference.position()));
            }
        }
        views.refresh(connection, analyzed.tables());
        return List.copyOf(analyzed.tables());
    }

    private static void bind(PreparedStatement statement, List<Object> parameters)
            throws SQLException
    {
        for (int index = 0; index < parameters.size(); index++) {
            statement.setObject(index + 1, parameters.get(index));
        }
    }

    private void openCursor(ResultCursor cursor)
            throws SQLException
    {
        while (cursors.size() >= settings.maxOpenCursors()) {
            Optional<ResultCursor> oldest = cursors.values().stream().min(Comparator.comparingLong(ResultCursor::lastUsedNanos));
            if (oldest.isEmpty()) {
                break;
            }
            closeCursor(oldest.get().queryId());
        }
        cursors.put(cursor.queryId(), cursor);
    }

    private void closeCursor(String queryId)
    {
        ResultCursor cursor = cursors.remove(queryId);
        if (cursor != null) {
            duckdb.submit(() -> {
                cursor.close();
                return null;
            });
        }
    }

    private void closeIdleCursors()
    {
        long idleLimit = settings.cursorIdleTimeout().toNanos();
        long now = System.nanoTime();
        cursors.values().stream()
                .filter(cursor -> now - cursor.lastUsedNanos() > idleLimit)
                .map(ResultCursor::queryId)
                .toList()
                .forEach(this::closeCursor);
    }

    private int pageSize(QueryRequest request)
    {
        int maxRows = request.maxRows().orElse(settings.defaultMaxRows());
        if (maxRows < 1 || maxRows > settings.maxRowsLimit()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "maxRows must be between 1 and " + settings.maxRowsLimit(), Map.of("maxRows", maxRows));
        }
        return maxRows;
    }

    private Duration timeout(QueryRequest request)
    {
        Duration timeout = request.timeout().orElse(settings.defaultTimeout());
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(settings.maxTimeout()) > 0) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "timeoutSeconds must be between 1 and " + settings.maxTimeout().toSeconds(), Map.of("timeoutSeconds", timeout.toSeconds()));
        }
        return timeout;
    }

    private NeuroLakeException stopped(QueryStatus status, String queryId, Duration timeout)
    {
        if (status == QueryStatus.TIMED_OUT) {
            return new NeuroLakeException(ErrorCode.QUERY_TIMEOUT, "Query " + queryId + " ran longer than its timeout of " + timeout.toSeconds() + " s and was cancelled",
                    Map.of("queryId", queryId, "timeoutSeconds", timeout.toSeconds()));
        }
        return new NeuroLakeException(ErrorCode.QUERY_CANCELLED, "Query " + queryId + " was cancelled", Map.of("queryId", queryId));
    }

    private void record(RunningQuery query, QueryRequest request, QueryStatus status, OptionalLong rows, long start, Optional<NeuroLakeException> error)
    {
        long elapsedNanos = System.nanoTime() - start;
        history.finished(query.id(), status, rows, elapsedNanos / 1_000_000, error);
        QueryEvent event = new QueryEvent(query.id(), request.principal(), request.sql(), query.tables(), rows, elapsedNanos / 1_000_000, status, error.map(NeuroLakeException::code));
        listeners.forEach(listener -> listener.completed(event));
        String outcome = status.name().toLowerCase(Locale.ROOT);
        Timer.builder("neurolake.query.duration")
                .description("Time to run a query and return its first page")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters)
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
        Counter.builder("neurolake.queries")
                .description("Queries run, by outcome")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    @Override
    public void close()
    {
        scheduler.shutdownNow();
        running.values().forEach(query -> query.stop(QueryStatus.CANCELLED));
        List.copyOf(cursors.keySet()).forEach(this::closeCursor);
    }

    /** A query between its start and its first page, which can be stopped from another thread. */
    private static final class RunningQuery
    {
        private final String id;
        private volatile Statement statement;
        private volatile Future<?> future;
        private volatile QueryStatus stopReason;
        private volatile List<TableName> tables = List.of();

        RunningQuery(String id)
        {
            this.id = id;
        }

        String id()
        {
            return id;
        }

        List<TableName> tables()
        {
            return tables;
        }

        void tables(List<TableName> tables)
        {
            this.tables = tables;
        }

        void attach(Future<?> future)
        {
            this.future = future;
            if (stopReason != null) {
                future.cancel(false);
            }
        }

        void executing(Statement statement)
                throws SQLException
        {
            this.statement = statement;
            if (stopReason != null) {
                statement.cancel();
            }
        }

        Optional<QueryStatus> stopReason()
        {
            return Optional.ofNullable(stopReason);
        }

        synchronized void stop(QueryStatus reason)
        {
            if (stopReason != null) {
                return;
            }
            stopReason = reason;
            Future<?> pending = future;
            if (pending != null) {
                // Not yet started: never start. Started: DuckDB is interrupted below.
                pending.cancel(false);
            }
            Statement current = statement;
            if (current != null) {
                try {
                    current.cancel();
                }
                catch (SQLException e) {
                    throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Cannot cancel query " + id + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
