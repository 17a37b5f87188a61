package dev.neurolake.bench;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What to run.
 *
 * @param scaleFactor TPC-H scale factor (1 = 6M lineitem rows, about 300 MB of Parquet)
 * @param warmups untimed runs of every query per system before measuring (page cache, JIT, DuckDB's caches)
 * @param repetitions measured runs of every query per system
 * @param workDirectory where a fresh run directory is created, and deleted afterwards
 * @param quietWait how long each pair of runs may wait for other processes to leave the CPUs alone; zero to not wait
 * @param threads DuckDB worker threads, the same on both sides
 * @param serverJar the packaged NeuroLake server
 * @param maxRows rows per result page over HTTP; smaller results come in one page
 * @param probeWarmups untimed runs of the fixed-cost probe per system; they also warm the server's JIT up
 * @param probeRepetitions measured runs of the fixed-cost probe per system
 */
record TpchBenchmarkSettings(double scaleFactor, int warmups, int repetitions, Path workDirectory, Duration quietWait, int threads, Path serverJar, int maxRows,
        int probeWarmups, int probeRepetitions)
{
    static final double DEFAULT_SCALE_FACTOR = 1;
    static final int DEFAULT_WARMUPS = 1;
    static final int DEFAULT_REPETITIONS = 5;
    /** Relative to the working directory; /bench-data/ is git-ignored at the project root. */
    static final Path DEFAULT_WORK_DIRECTORY = Path.of("bench-data");
    /** Per pair of runs, and there are 22 pairs per repetition: long enough for a build's test phase to pass, not for a whole build. */
    static final Duration DEFAULT_QUIET_WAIT = Duration.ofSeconds(30);
    static final Path DEFAULT_SERVER_JAR = Path.of("neurolake-server", "target", "neurolake-server.jar");
    /** The server's largest page. */
    static final int DEFAULT_MAX_ROWS = 100_000;
    /** Enough requests for the server's JIT to compile its request path, as in a server that has been up a while. */
    static final int DEFAULT_PROBE_WARMUPS = 500;
    static final int DEFAULT_PROBE_REPETITIONS = 50;

    TpchBenchmarkSettings
    {
        requireNonNull(workDirectory, "workDirectory is null");
        requireNonNull(quietWait, "quietWait is null");
        requireNonNull(serverJar, "serverJar is null");
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scaleFactor must be positive, got " + scaleFactor);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must not be negative, got " + warmups);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
        if (quietWait.isNegative()) {
            throw new IllegalArgumentException("quietWait must not be negative, got " + quietWait);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (maxRows < 1 || maxRows > DEFAULT_MAX_ROWS) {
            throw new IllegalArgumentException("maxRows must be between 1 and " + DEFAULT_MAX_ROWS + ", got " + maxRows);
        }
        if (probeWarmups < 0 || probeRepetitions < 1) {
            throw new IllegalArgumentException("Expected probeWarmups >= 0 and probeRepetitions >= 1, got %d and %d".formatted(probeWarmups, probeRepetitions));
        }
    }

    /**
     * Positional arguments {@code [scaleFactor] [warmups] [repetitions] [workDirectory] [quietWaitSeconds] [threads] [serverJar]},
     * each optional; threads default to the number of processors, as DuckDB's do.
     */
    static TpchBenchmarkSettings parse(String... arguments)
    {
        requireNonNull(arguments, "arguments is null");
        if (arguments.length > 7) {
            throw new IllegalArgumentException("Expected at most 7 arguments, got " + arguments.length);
        }
        return new TpchBenchmarkSettings(
                arguments.length > 0 ? Double.parseDouble(arguments[0]) : DEFAULT_SCALE_FACTOR,
                arguments.length > 1 ? Integer.parseInt(arguments[1]) : DEFAULT_WARMUPS,
                arguments.length > 2 ? Integer.parseInt(arguments[2]) : DEFAULT_REPETITIONS,
                arguments.length > 3 ? Path.of(arguments[3]) : DEFAULT_WORK_DIRECTORY,
                arguments.length > 4 ? Duration.ofSeconds(Long.parseLong(arguments[4])) : DEFAULT_QUIET_WAIT,
                arguments.length > 5 ? Integer.parseInt(arguments[5]) : Runtime.getRuntime().availableProcessors(),
                arguments.length > 6 ? Path.of(arguments[6]) : DEFAULT_SERVER_JAR,
                DEFAULT_MAX_ROWS,
                DEFAULT_PROBE_WARMUPS,
                DEFAULT_PROBE_REPETITIONS);
    }
}
