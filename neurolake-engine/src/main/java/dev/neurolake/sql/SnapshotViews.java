package dev.neurolake.sql;

import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.ParquetFiles;
import dev.neurolake.lake.TableName;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    /** DuckDB schema of the per-snapshot views; the analyzer keeps user SQL from naming it. */
    static final String SNAPSHOT_SCHEMA = "nl_snapshots";

    private final Map<TableName, ViewVersion> versions = new ConcurrentHashMap<>();
    private final java.util.Set<String> snapshotViews = ConcurrentHashMap.newKeySet();

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
            String definition = definition(table, snapshot, table.schema());
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

    /**
     * A view of a table as of one of its snapshots, for time travel: created once per snapshot
     * (snapshots never change) in a schema of its own. Returns its qualified name.
     */
    String snapshotView(Connection connection, Table table, Snapshot snapshot)
            throws SQLException
    {
        String name = quote(SNAPSHOT_SCHEMA) + "." + quote(table.uuid() + "@" + snapshot.snapshotId());
        synchronized (this) {
            if (snapshotViews.add(name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(SNAPSHOT_SCHEMA));
                    Schema schema = Optional.ofNullable(snapshot.schemaId()).map(id -> table.schemas().get(id)).orElse(table.schema());
                    statement.execute("CREATE OR REPLACE VIEW " + name + " AS " + definition(table, snapshot, schema));
                }
                catch (SQLException | RuntimeException e) {
                    snapshotViews.remove(name);
                    throw e;
                }
            }
        }
        return name;
    }

    private static String definition(Table table, Snapshot snapshot, Schema schema)
    {
        List<String> files = new ArrayList<>();
        if (snapshot != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
                for (FileScanTask task : tasks) {
                    files.add(task.file().location());
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.isEmpty()) {
            return "SELECT * FROM " + ParquetFiles.empty(schema);
        }
        // A table that never changed its schema has only files written with that schema, column
        // names included (snapshot expiry keeps old schemas), so they can be read by name, which
        // keeps DuckDB's row-count estimates; otherwise columns are matched by field id.
        boolean schemaNeverChanged = table.schemas().size() == 1 && table.schemas().containsKey(schema.schemaId());
        return "SELECT * FROM " + (schemaNeverChanged ? ParquetFiles.readByName(files, schema) : ParquetFiles.read(files, schema));
    }

    private record ViewVersion(String tableUuid, long snapshotId) {}
}
