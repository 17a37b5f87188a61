package dev.neurolake.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Ingest benchmark: a CSV of generated TPC-H lineitem rows into a NeuroLake table, against
 * DuckDB's own {@code COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT parquet)} of the same
 * file in the same JVM and run.
 *
 * <p>A plain {@code main} rather than JMH: one ingest of millions of rows takes seconds and
 * writes hundreds of megabytes, so what matters is a few whole, single-shot runs of each
 * system, interleaved so that neither always runs on a warmer machine. JMH's strengths
 * (many short invocations, dead-code and loop-optimisation guards) do not apply here.
 *
 * <p>Usage: {@code IngestBenchmark [rows=6000000] [warmups=1] [repetitions=3] [workDirectory=bench-data] [quietWaitSeconds=120]}.
 * The Markdown report goes to standard output, progress to standard error.
 */
public final class IngestBenchmark
{
    private IngestBenchmark() {}

    public static void main(String[] arguments)
    {
        if (arguments.length > 0 && (arguments[0].equals("--help") || arguments[0].equals("-h"))) {
            System.out.println("Usage: IngestBenchmark [rows=6000000] [warmups=1] [repetitions=3] [workDirectory=bench-data] [quietWaitSeconds=120]");
            return;
        }
        IngestReport report = run(IngestBenchmarkSettings.parse(arguments), System.err);
        System.out.println(report.markdown());
    }

    /** Runs the benchmark in a fresh directory under the work directory, deleted afterwards. */
    static IngestReport run(IngestBenchmarkSettings settings, PrintStream progress)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(progress, "progress is null");
        Path runDirectory = RunDirectories.create(settings.workDirectory(), "ingest-");
        try {
            return run(settings, runDirectory, progress);
        }
        finally {
            RunDirectories.delete(runDirectory);
        }
    }

    private static IngestReport run(IngestBenchmarkSettings settings, Path runDirectory, PrintStream progress)
    {
        Path dataDirectory = runDirectory.resolve("neurolake");
        try (NeuroLakeIngest neurolake = new NeuroLakeIngest(dataDirectory);
                DuckDbCopy duckdb = new DuckDbCopy(runDirectory.resolve("duckdb"))) {
            // Both systems read the one file; it lies in the engine's staging directory because
            // the engine's DuckDB may read nothing outside its data directory.
            Path csvFile = neurolake.stagingDirectory().resolve("lineitem.csv");
            progress.printf(Locale.ROOT, "Generating %,d lineitem rows into %s%n", settings.rows(), csvFile);
            LineitemCsv.GeneratedCsv csv = LineitemCsv.write(csvFile, settings.rows());
            progress.printf(Locale.ROOT, "Generated %,d bytes at scale factor %.2f in %.1f s%n", csv.bytes(), csv.scaleFactor(), csv.elapsed().toMillis() / 1e3);

            List<IngestSystem> systems = List.of(neurolake, duckdb);
            List<IngestRun> neurolakeRuns = new ArrayList<>();
            List<IngestRun> duckdbRuns = new ArrayList<>();
            int total = settings.warmups() + settings.repetitions();
            for (int repetition = 0; repetition < total; repetition++) {
                boolean measured = repetition >= settings.warmups();
                // Alternate which system goes first, so neither always follows the other's writes.
                List<IngestSystem> order = repetition % 2 == 0 ? systems : systems.reversed();
                for (IngestSystem system : order) {
                    Machine.awaitQuiet(settings.quietWait(), progress);
                    IngestRun run = system.ingest(csv.file(), repetition);
                    system.discard(repetition);
                    requireAllRows(system, run, csv.rows());
                    // Other processes on the machine skew single runs; the load average shows when they did.
                    progress.printf(Locale.ROOT, "%s %-11s run %d: %,d rows in %.2f s, %.2f CPU s (load average %.2f)%n",
                            measured ? "measured" : "warm-up ", system.name(), repetition + 1, run.rows(),
                            run.elapsed().toMillis() / 1e3, run.cpuTime().toMillis() / 1e3, Machine.loadAverage());
                    if (measured) {
                        (system == neurolake ? neurolakeRuns : duckdbRuns).add(run);
                    }
                }
            }
            return new IngestReport(csv, new SystemResult(neurolake.name(), neurolakeRuns), new SystemResult(duckdb.name(), duckdbRuns));
        }
    }

    /** A fast run that lost rows would be a wrong result, not a good one. */
    private static void requireAllRows(IngestSystem system, IngestRun run, long expected)
    {
        if (run.rows() != expected) {
            throw new IllegalStateException("%s wrote %d rows, expected %d".formatted(system.name(), run.rows(), expected));
        }
    }
}
