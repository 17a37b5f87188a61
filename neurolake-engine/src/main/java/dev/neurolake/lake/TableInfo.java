package dev.neurolake.lake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A lake table as of its current snapshot. */
public record TableInfo(
        TableName name,
        String location,
        List<ColumnInfo> columns,
        Optional<Long> snapshotId,
        long rowCount,
        long fileCount,
        long sizeBytes,
        Optional<Instant> lastModified)
{
    public TableInfo
    {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(lastModified, "lastModified is null");
    }
}
