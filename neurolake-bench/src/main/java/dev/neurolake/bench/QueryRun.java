package dev.neurolake.bench;

import java.time.Duration;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One timed run of one query on one system.
 *
 * @param rows rows of the whole result, all pages
 * @param elapsed wall-clock time from sending the query to holding the last row
 * @param cpuTime CPU time spent on it: the benchmark process (DuckDB's threads included) and, for
 *         NeuroLake, also the server process
 * @param serverMillis NeuroLake only: the server's {@code elapsedMillis} for the first page
 * @param loadAverage the machine's one-minute load average right after the run
 */
record QueryRun(long rows, Duration elapsed, Duration cpuTime, OptionalLong serverMillis, double loadAverage)
{
    QueryRun
    {
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(cpuTime, "cpuTime is null");
        requireNonNull(serverMillis, "serverMillis is null");
    }

    double millis()
    {
        return elapsed.toNanos() / 1e6;
    }

    double cpuMillis()
    {
        return cpuTime.toNanos() / 1e6;
    }
}
