package dev.neurolake.lake;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What one write committed. */
public record WriteResult(TableName table, WriteMode mode, long rowsWritten, int filesWritten, long bytesWritten, Optional<Long> snapshotId, Duration elapsed)
{
    public WriteResult
    {
        requireNonNull(table, "table is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
