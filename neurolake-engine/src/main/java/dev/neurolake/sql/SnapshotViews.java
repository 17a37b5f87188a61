package dev.neurolake.sql;

import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.LakeTypes;
import dev.neurolake.lake.TableName;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * Keeps one DuckDB view per lake table ({@code namespace.table}) over the Parquet files of its
 * current snapshot, so user SQL runs unchanged with DuckDB's own name resolution and error
 * positions. Before each query the views it names are checked against the catalog (the source
 * of truth, also for other replicas) and re-pointed when a newer snapshot was committed.
 */
final class SnapshotViews
{
    private final LakeCatalog catalog;
    private final Map<TableName, ViewVersion> versions = new ConcurrentHashMap<>();

    SnapshotViews(LakeCatalog catalog)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** Points the views of the given tables at their current snapshots. */
    void refresh(Connection connection, Collection<TableName> tables)
            throws SQLException
    {
        for (TableName name : tables) {
            Table table = catalog.load(name);
            Snapshot snapshot = table.currentSnapshot();
            ViewVersion current = new ViewVersion(table.uuid().toString(), snapshot == null ? -1 : snapshot.snapshotId());
            if (current.equals(versions.get(name))) {
                continue;
            }
            String definition = definition(table);
            synchronized (this) {
                if (current.equals(versions.get(name))) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(name.namespace()));
                    statement.execute("CREATE OR REPLACE VIEW " + quote(name.namespace()) + "." + quote(name.name()) + " AS " + definition);
                }
                versions.put(name, current);
            }
        }
    }

    /** Forgets a dropped table's view. */
    synchronized void drop(Connection connection, TableName name)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP VIEW IF EXISTS " + quote(name.namespace()) + "." + quote(name.name()));
        }
        versions.remove(name);
    }

    private static String definition(Table table)
    {
        List<String> columns = new ArrayList<>();
        List<String> emptyColumns = new ArrayList<>();
        for (Types.NestedField field : table.schema().columns()) {
            columns.add(quote(field.name()));
            emptyColumns.add("CAST(NULL AS " + LakeTypes.duckDbType(field.type()) + ") AS " + quote(field.name()));
        }
        List<String> files = new ArrayList<>();
        if (table.currentSnapshot() != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    files.add(literal(task.file().location()));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.isEmpty()) {
            return "SELECT " + String.join(", ", emptyColumns) + " WHERE false";
        }
        return "SELECT " + String.join(", ", columns) + " FROM read_parquet([" + String.join(", ", files) + "])";
    }

    private record ViewVersion(String tableUuid, long snapshotId) {}
}
