package dev.neurolake.lake;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Keeps tables healthy: compacts small data files into one, expires old snapshots (deleting
 * the files only they used) and removes orphan files that no snapshot references, such as
 * those of a writer that died before its commit.
 */
public final class TableMaintenance
{
    private final LakeCatalog catalog;
    private final DuckDbRuntime duckdb;

    public TableMaintenance(LakeCatalog catalog, DuckDbRuntime duckdb)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
    }

    /**
     * What to do.
     *
     * @param compact rewrite the live data files into one when there are several
     * @param expireOlderThan expire snapshots committed before this instant (the current one always stays)
     * @param retainLast keep at least this many recent snapshots when expiring
     * @param orphanMinimumAge remove unreferenced files at least this old (young ones may belong to a write in flight)
     */
    public record Request(boolean compact, Optional<Instant> expireOlderThan, int retainLast, Optional<Duration> orphanMinimumAge)
    {
        public Request
        {
            requireNonNull(expireOlderThan, "expireOlderThan is null");
            requireNonNull(orphanMinimumAge, "orphanMinimumAge is null");
            if (retainLast < 1) {
                throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "retainLast must be at least 1", Map.of("retainLast", retainLast));
            }
        }
    }

    /** What was done. */
    public record Result(int filesCompacted, int snapshotsExpired, int orphanFilesRemoved, Optional<Long> snapshotId)
    {
        public Result
        {
            requireNonNull(snapshotId, "snapshotId is null");
        }
    }

    public Result run(TableName name, Request request)
    {
        int compacted = request.compact() ? compact(name) : 0;
        int expired = request.expireOlderThan().map(before -> expire(name, before, request.retainLast())).orElse(0);
        int orphans = request.orphanMinimumAge().map(age -> removeOrphans(name, age)).orElse(0);
        Table table = catalog.load(name);
        return new Result(compacted, expired, orphans, Optional.ofNullable(table.currentSnapshot()).map(Snapshot::snapshotId));
    }

    private int compact(TableName name)
    {
        Table table = catalog.load(name);
        Snapshot base = table.currentSnapshot();
        if (base == null) {
            return 0;
        }
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.size() < 2) {
            return 0;
        }
        Path target = ParquetFiles.newDataFile(table.location());
        Optional<DataFile> compacted = duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                return ParquetFiles.write(connection, "SELECT * FROM " + ParquetFiles.read(files.stream().map(DataFile::location).toList(), table.schema()), table.schema(), target);
            }
        });
        RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(base.snapshotId());
        files.forEach(rewrite::deleteFile);
        compacted.ifPresent(rewrite::addFile);
        try {
            rewrite.commit();
        }
        catch (ValidationException | CommitFailedException e) {
            ParquetFiles.delete(target);
            throw new NeuroLakeException(ErrorCode.CONCURRENT_MODIFICATION, "Table '" + name + "' changed during compaction; run maintenance again", Map.of("table", name.toString()), e);
        }
        return files.size();
    }

    private int expire(TableName name, Instant before, int retainLast)
    {
        Table table = catalog.load(name);
        int snapshotsBefore = count(table.snapshots());
        table.expireSnapshots().expireOlderThan(before.toEpochMilli()).retainLast(retainLast).commit();
        return snapshotsBefore - count(catalog.load(name).snapshots());
    }

    private int removeOrphans(TableName name, Duration minimumAge)
    {
        Table table = catalog.load(name);
        Set<String> referenced = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
                tasks.forEach(task -> referenced.add(Path.of(task.file().location()).toAbsolutePath().normalize().toString()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path data = LocalFileIO.toPath(table.location()).resolve("data");
        if (!Files.isDirectory(data)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(minimumAge);
        int removed = 0;
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!referenced.contains(file.toAbsolutePath().normalize().toString()) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + data, e);
        }
        return removed;
    }

    private static int count(Iterable<Snapshot> snapshots)
    {
        int count = 0;
        for (Snapshot ignored : snapshots) {
            count++;
        }
        return count;
    }
}
