package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Time travel: read every table of a query as of one snapshot id or one point in time.
 * ({@code FOR SYSTEM_TIME AS OF} is not DuckDB syntax, so it is a request field.)
 */
public record AsOf(Optional<Long> snapshotId, Optional<Instant> timestamp)
{
    public AsOf
    {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(timestamp, "timestamp is null");
        if (snapshotId.isPresent() == timestamp.isPresent()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Give either asOfSnapshot or asOfTimestamp, not both", Map.of());
        }
    }

    public static AsOf snapshot(long snapshotId)
    {
        return new AsOf(Optional.of(snapshotId), Optional.empty());
    }

    public static AsOf time(Instant timestamp)
    {
        return new AsOf(Optional.empty(), Optional.of(timestamp));
    }

    /** The snapshot of a table this names. */
    Snapshot resolve(TableName name, Table table)
    {
        if (snapshotId.isPresent()) {
            Snapshot snapshot = table.snapshot(snapshotId.get());
            if (snapshot == null) {
                throw new NeuroLakeException(ErrorCode.SNAPSHOT_NOT_FOUND, "Table '" + name + "' has no snapshot " + snapshotId.get(),
                        Map.of("table", name.toString(), "snapshotId", snapshotId.get()));
            }
            return snapshot;
        }
        long millis = timestamp.orElseThrow().toEpochMilli();
        try {
            return table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, millis));
        }
        catch (IllegalArgumentException e) {
            throw new NeuroLakeException(ErrorCode.SNAPSHOT_NOT_FOUND, "Table '" + name + "' has no snapshot as of " + timestamp.get(),
                    Map.of("table", name.toString(), "timestamp", timestamp.get().toString()), e);
        }
    }
}
