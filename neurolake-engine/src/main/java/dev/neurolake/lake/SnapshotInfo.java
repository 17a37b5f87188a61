package dev.neurolake.lake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One committed version of a table. */
public record SnapshotInfo(long snapshotId, Optional<Long> parentId, Instant committedAt, String operation, Map<String, String> summary)
{
    public SnapshotInfo
    {
        requireNonNull(parentId, "parentId is null");
        requireNonNull(committedAt, "committedAt is null");
        requireNonNull(operation, "operation is null");
        summary = Map.copyOf(requireNonNull(summary, "summary is null"));
    }
}
