package dev.neurolake.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * TPC-H over the SQL API: generates the TPC-H tables, loads them into a NeuroLake server through
 * the upload API, then times the 22 queries through {@code POST /api/v1/queries} against plain
 * DuckDB JDBC over the same Parquet files, in one run.
 *
 * <p>Runs alternate between the systems: each repetition runs every query once on each system,
 * back to back, the first system alternating, and repetitions follow each other, so that a burst
 * of load on the shared machine hits both systems and spreads over many queries. Before every
 * pair the benchmark waits for the CPUs to be idle (see {@link Machine#awaitQuiet}).
 *
 * <p>Usage: {@code TpchBenchmark [scaleFactor=1] [warmups=1] [repetitions=5] [workDirectory=bench-data] [quietWaitSeconds=30] [threads=nproc] [serverJar=neurolake-server/target/neurolake-server.jar]}.
 * The Markdown report goes to standard output, progress to standard error.
 */
public final class TpchBenchmark
{
    static final String NAMESPACE = "tpch";
    /** Reads one 25-row table: what remains is the cost of a query that does (almost) nothing. */
    static final String PROBE_SQL = "SELECT count(*) FROM tpch.nation";
    private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(3);

    private TpchBenchmark() {}

    public static void main(String[] arguments)
    {
        if (arguments.length > 0 && (arguments[0].equals("--help") || arguments[0].equals("-h"))) {
            System.out.println("Usage: TpchBenchmark [scaleFactor=1] [warmups=1] [repetitions=5] [workDirectory=bench-data] [quietWaitSeconds=30] [threads=nproc] "
                    + "[serverJar=neurolake-server/target/neurolake-server.jar]");
            return;
        }
        TpchReport report = run(TpchBenchmarkSettings.parse(arguments), System.err);
        System.out.println(report.markdown());
    }

    /** Runs the benchmark in a fresh directory under the work directory, deleted afterwards. */
    static TpchReport run(TpchBenchmarkSettings settings, PrintStream progress)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(progress, "progress is null");
        Path runDirectory = RunDirectories.create(settings.workDirectory(), "tpch-");
        try {
            return run(settings, runDirectory, progress);
        }
        finally {
            RunDirectories.delete(runDirectory);
        }
    }

    private static TpchReport run(TpchBenchmarkSettings settings, Path runDirectory, PrintStream progress)
    {
        Path parquetDirectory = runDirectory.resolve("generated");
        progress.printf(Locale.ROOT, "Generating TPC-H at scale factor %s into %s%n", settings.scaleFactor(), parquetDirectory);
        List<TpchParquet.GeneratedTable> tables = TpchParquet.write(parquetDirectory, settings.scaleFactor(), progress);
        Path dataDirectory = runDirectory.resolve("neurolake");
        String password = UUID.randomUUID().toString();
        progress.printf(Locale.ROOT, "Starting %s with data directory %s%n", settings.serverJar(), dataDirectory);
        try (NeuroLakeServerProcess server = NeuroLakeServerProcess.start(settings.serverJar(), dataDirectory, settings.threads(), password,
                runDirectory.resolve("server.log"), SERVER_START_TIMEOUT)) {
            try {
                NeuroLakeHttpClient client = NeuroLakeHttpClient.signIn(server.baseUri(), "admin", password);
                List<TpchReport.UploadedTable> uploads = upload(client, tables, progress);
                // The uploaded copies are not needed any more; the benchmark reads the files NeuroLake wrote.
                RunDirectories.delete(parquetDirectory);
                List<String> names = tables.stream().map(TpchParquet.GeneratedTable::name).toList();
                try (RawDuckDb raw = new RawDuckDb(RawDuckDb.tableFiles(dataDirectory, NAMESPACE, names), settings.threads())) {
                    NeuroLakeOverHttp neurolake = new NeuroLakeOverHttp(client, server, settings.maxRows());
                    QueryComparison probe = probe(settings, raw, neurolake, progress);
                    Measurement measurement = measure(settings, raw, neurolake, progress);
                    return new TpchReport(settings, environment(settings), uploads, probe, measurement.queries(), measurement.pairs(), measurement.busyPairs());
                }
            }
            catch (RuntimeException e) {
                progress.println("Failed; the server's log ends with:\n" + server.logTail(40));
                throw e;
            }
        }
    }

    private static List<TpchReport.UploadedTable> upload(NeuroLakeHttpClient client, List<TpchParquet.GeneratedTable> tables, PrintStream progress)
    {
        List<TpchReport.UploadedTable> uploads = new ArrayList<>();
        for (TpchParquet.GeneratedTable table : tables) {
            long start = System.nanoTime();
            JsonNode response = client.upload(NAMESPACE + "." + table.name(), table.file());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            long rows = response.path("rowsWritten").asLong();
            if (rows != table.rows()) {
                throw new IllegalStateException("Uploading %s wrote %d rows, expected %d".formatted(table.name(), rows, table.rows()));
            }
            progress.printf(Locale.ROOT, "Uploaded %-8s %,11d rows in %.2f s%n", table.name(), rows, elapsed.toMillis() / 1e3);
            uploads.add(new TpchReport.UploadedTable(table.name(), rows, table.bytes(), elapsed, response.path("elapsedMillis").asLong()));
        }
        return uploads;
    }

    /** The fixed cost of a query on each side; its warm-up also compiles the server's and the client's request path. */
    private static QueryComparison probe(TpchBenchmarkSettings settings, RawDuckDb raw, NeuroLakeOverHttp neurolake, PrintStream progress)
    {
        progress.printf(Locale.ROOT, "Probing the fixed cost of a query: %d warm-up and %d measured pairs of '%s'%n", settings.probeWarmups(), settings.probeRepetitions(), PROBE_SQL);
        QueryTimes times = new QueryTimes();
        for (int repetition = 0; repetition < settings.probeWarmups() + settings.probeRepetitions(); repetition++) {
            times.runPair(neurolake, raw, repetition, PROBE_SQL, repetition >= settings.probeWarmups());
        }
        return times.comparison(PROBE_SQL, OptionalLong.empty());
    }

    private static Measurement measure(TpchBenchmarkSettings settings, RawDuckDb raw, NeuroLakeOverHttp neurolake, PrintStream progress)
    {
        List<TpchQuery> queries = TpchQueries.all(settings.scaleFactor());
        List<QueryTimes> times = queries.stream().map(query -> new QueryTimes()).toList();
        int pairs = 0;
        int busyPairs = 0;
        for (int round = 0; round < settings.warmups() + settings.repetitions(); round++) {
            boolean measured = round >= settings.warmups();
            for (int index = 0; index < queries.size(); index++) {
                TpchQuery query = queries.get(index);
                boolean quiet = Machine.awaitQuiet(settings.quietWait(), progress);
                if (measured) {
                    pairs++;
                    busyPairs += quiet ? 0 : 1;
                }
                // Which system goes first alternates between rounds and between neighbouring queries.
                Pair pair = times.get(index).runPair(neurolake, raw, round + index, query.sql(), measured);
                QueryRun neurolakeRun = pair.neurolake();
                QueryRun rawRun = pair.raw();
                progress.printf(Locale.ROOT, "%s %d %-3s: raw %,9.1f ms, NeuroLake %,9.1f ms (server %,d ms), %,d rows, load average %.2f%s%n",
                        measured ? "measured" : "warm-up ", round + 1, query.name(), rawRun.millis(), neurolakeRun.millis(),
                        neurolakeRun.serverMillis().orElseThrow(), rawRun.rows(), Machine.loadAverage(),
                        times.get(index).difference().map(difference -> " DIFFERENT: " + difference).orElse(""));
            }
        }
        List<QueryComparison> comparisons = new ArrayList<>();
        for (int index = 0; index < queries.size(); index++) {
            TpchQuery query = queries.get(index);
            comparisons.add(times.get(index).comparison(query.name(), query.expectedRows(settings.scaleFactor())));
        }
        return new Measurement(comparisons, pairs, busyPairs);
    }

    private static String environment(TpchBenchmarkSettings settings)
    {
        String duckDbVersion;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT version()")) {
            resultSet.next();
            duckDbVersion = resultSet.getString(1);
        }
        catch (SQLException e) {
            duckDbVersion = "unknown (" + e.getMessage() + ")";
        }
        return "JDK %s, DuckDB %s with %d threads on both sides, %d processors".formatted(
                Runtime.version(), duckDbVersion, settings.threads(), Runtime.getRuntime().availableProcessors());
    }

    private record Measurement(List<QueryComparison> queries, int pairs, int busyPairs)
    {
        Measurement
        {
            queries = List.copyOf(requireNonNull(queries, "queries is null"));
        }
    }

    /** One query's runs on both systems, back to back. */
    private record Pair(QueryRun neurolake, QueryRun raw)
    {
        Pair
        {
            requireNonNull(neurolake, "neurolake is null");
            requireNonNull(raw, "raw is null");
        }
    }

    /** The runs of one query so far, and the first way the two systems' results differed. */
    private static final class QueryTimes
    {
        private final List<QueryRun> neurolakeRuns = new ArrayList<>();
        private final List<QueryRun> rawRuns = new ArrayList<>();
        private Optional<String> difference = Optional.empty();

        /**
         * Runs the query on both systems back to back, NeuroLake first when {@code turn} is even,
         * and compares their results (outside the timing).
         */
        Pair runPair(QuerySystem neurolake, QuerySystem raw, int turn, String sql, boolean measured)
        {
            QueryExecution neurolakeExecution;
            QueryExecution rawExecution;
            if (turn % 2 == 0) {
                neurolakeExecution = neurolake.execute(sql);
                rawExecution = raw.execute(sql);
            }
            else {
                rawExecution = raw.execute(sql);
                neurolakeExecution = neurolake.execute(sql);
            }
            if (difference.isEmpty()) {
                difference = ResultComparison.difference(rawExecution.values(), neurolakeExecution.values());
            }
            if (measured) {
                neurolakeRuns.add(neurolakeExecution.run());
                rawRuns.add(rawExecution.run());
            }
            return new Pair(neurolakeExecution.run(), rawExecution.run());
        }

        Optional<String> difference()
        {
            return difference;
        }

        QueryComparison comparison(String name, OptionalLong expectedRows)
        {
            return new QueryComparison(name, rawRuns, neurolakeRuns, difference, expectedRows);
        }
    }
}
