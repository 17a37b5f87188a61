package dev.neurolake.bench;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One timed ingest.
 *
 * @param rows rows the system reports it wrote
 * @param outputBytes bytes of Parquet it wrote
 * @param elapsed wall-clock time of the call, as a client sees it
 * @param cpuTime CPU time the whole process used meanwhile, over all threads
 */
record IngestRun(long rows, long outputBytes, Duration elapsed, Duration cpuTime)
{
    IngestRun
    {
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(cpuTime, "cpuTime is null");
    }
}
