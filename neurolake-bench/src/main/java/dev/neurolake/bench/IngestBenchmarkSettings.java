package dev.neurolake.bench;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What to run.
 *
 * @param rows lineitem rows in the generated CSV
 * @param warmups runs per system before measuring, to load classes, JIT and warm the page cache
 * @param repetitions measured runs per system
 * @param workDirectory where a fresh run directory is created, and deleted afterwards
 * @param quietWait how long each run may wait for other processes to leave the CPUs alone; zero to not wait
 */
record IngestBenchmarkSettings(long rows, int warmups, int repetitions, Path workDirectory, Duration quietWait)
{
    static final long DEFAULT_ROWS = 6_000_000;
    static final int DEFAULT_WARMUPS = 1;
    static final int DEFAULT_REPETITIONS = 3;
    /** Relative to the working directory; /bench-data/ is git-ignored at the project root. */
    static final Path DEFAULT_WORK_DIRECTORY = Path.of("bench-data");
    static final Duration DEFAULT_QUIET_WAIT = Duration.ofMinutes(2);

    IngestBenchmarkSettings
    {
        requireNonNull(workDirectory, "workDirectory is null");
        requireNonNull(quietWait, "quietWait is null");
        if (quietWait.isNegative()) {
            throw new IllegalArgumentException("quietWait must not be negative, got " + quietWait);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must not be negative, got " + warmups);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
    }

    /** Positional arguments {@code [rows] [warmups] [repetitions] [workDirectory] [quietWaitSeconds]}, each optional. */
    static IngestBenchmarkSettings parse(String... arguments)
    {
        requireNonNull(arguments, "arguments is null");
        if (arguments.length > 5) {
            throw new IllegalArgumentException("Expected at most 5 arguments, got " + arguments.length);
        }
        return new IngestBenchmarkSettings(
                arguments.length > 0 ? Long.parseLong(arguments[0].replace("_", "")) : DEFAULT_ROWS,
                arguments.length > 1 ? Integer.parseInt(arguments[1]) : DEFAULT_WARMUPS,
                arguments.length > 2 ? Integer.parseInt(arguments[2]) : DEFAULT_REPETITIONS,
                arguments.length > 3 ? Path.of(arguments[3]) : DEFAULT_WORK_DIRECTORY,
                arguments.length > 4 ? Duration.ofSeconds(Long.parseLong(arguments[4])) : DEFAULT_QUIET_WAIT);
    }
}
