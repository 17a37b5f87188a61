package dev.neurolake.lake;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * UPDATE and DELETE by copy-on-write: each data file holding a matching row is rewritten
 * without it (or with it changed), and one Iceberg overwrite swaps the files. The commit
 * validates that nobody changed the table since the rewrite began; if somebody did, the whole
 * statement runs again on the new snapshot, so the outcome is that of some serial order.
 */
public final class RowRewriter
{
    private static final int MAX_ATTEMPTS = 25;

    private final LakeCatalog catalog;
    private final DuckDbRuntime duckdb;

    public RowRewriter(LakeCatalog catalog, DuckDbRuntime duckdb)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
    }

    /** What a rewrite changed. */
    public record Outcome(long rowsAffected, Optional<Long> snapshotId)
    {
        public Outcome
        {
            requireNonNull(snapshotId, "snapshotId is null");
        }
    }

    /** Deletes the rows matching {@code condition} (SQL over the table's columns; all rows when empty). */
    public Outcome delete(TableName name, Optional<String> condition)
    {
        return rewrite(name, condition, Map.of(), true);
    }

    /** Sets columns to expressions on the rows matching {@code condition}. */
    public Outcome update(TableName name, Map<String, String> assignments, Optional<String> condition)
    {
        if (assignments.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "UPDATE needs at least one column to set", Map.of("table", name.toString()));
        }
        return rewrite(name, condition, assignments, false);
    }

    private Outcome rewrite(TableName name, Optional<String> condition, Map<String, String> assignments, boolean delete)
    {
        String matches = condition.map(text -> "coalesce((" + text + "), false)").orElse("true");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Table table = catalog.load(name);
            Snapshot base = table.currentSnapshot();
            if (base == null) {
                return new Outcome(0, Optional.empty());
            }
            Schema schema = table.schema();
            String projection = delete ? "*" : projection(name, schema, assignments, matches);
            List<DataFile> removed = new ArrayList<>();
            List<DataFile> added = new ArrayList<>();
            long affected;
            try {
                affected = duckdb.call(() -> {
                    try (Connection connection = duckdb.connect()) {
                        return rewriteFiles(connection, table, base, schema, name, matches, projection, delete, removed, added);
                    }
                });
            }
            catch (RuntimeException e) {
                added.forEach(file -> ParquetFiles.delete(Path.of(file.location())));
                throw e;
            }
            if (affected == 0) {
                return new Outcome(0, Optional.of(base.snapshotId()));
            }
            OverwriteFiles overwrite = table.newOverwrite()
                    .validateFromSnapshot(base.snapshotId())
                    .conflictDetectionFilter(Expressions.alwaysTrue())
                    .validateNoConflictingData()
                    .validateNoConflictingDeletes();
            removed.forEach(overwrite::deleteFile);
            added.forEach(overwrite::addFile);
            try {
                overwrite.commit();
                return new Outcome(affected, Optional.of(table.currentSnapshot().snapshotId()));
            }
            catch (ValidationException | CommitFailedException e) {
                // Another writer got there first: our files are stale, so redo the statement on its result.
                added.forEach(file -> ParquetFiles.delete(Path.of(file.location())));
            }
        }
        throw new NeuroLakeException(ErrorCode.CONCURRENT_MODIFICATION, "Table '" + name + "' kept changing under this statement; retry it", Map.of("table", name.toString()));
    }

    private static long rewriteFiles(Connection connection, Table table, Snapshot base, Schema schema, TableName name, String matches, String projection, boolean delete,
            List<DataFile> removed, List<DataFile> added)
            throws SQLException
    {
        long affected = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                String relation = ParquetFiles.read(List.of(task.file().location()), schema) + " AS " + quote(name.name());
                long hits = count(connection, "SELECT count(*) FROM " + relation + " WHERE " + matches);
                if (hits == 0) {
                    continue;
                }
                affected += hits;
                removed.add(task.file());
                String select = "SELECT " + projection + " FROM " + relation + (delete ? " WHERE NOT (" + matches + ")" : "");
                ParquetFiles.write(connection, select, schema, ParquetFiles.newDataFile(table.location())).ifPresent(added::add);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (SQLException e) {
            throw new NeuroLakeException(ErrorCode.SQL_ERROR, LakeWriter.firstLine(e.getMessage()), Map.of("table", name.toString()), e);
        }
        return affected;
    }

    private static String projection(TableName name, Schema schema, Map<String, String> assignments, String matches)
    {
        Map<String, String> byColumn = new java.util.HashMap<>();
        assignments.forEach((column, expression) -> byColumn.put(column.toLowerCase(Locale.ROOT), expression));
        List<String> columns = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            String expression = byColumn.remove(field.name().toLowerCase(Locale.ROOT));
            String column = quote(field.name());
            columns.add(expression == null
                    ? column
                    : "CASE WHEN " + matches + " THEN CAST((" + expression + ") AS " + LakeTypes.duckDbType(field.type()) + ") ELSE " + column + " END AS " + column);
        }
        if (!byColumn.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.SQL_ERROR, "Table '" + name + "' has no column " + String.join(", ", byColumn.keySet()),
                    Map.of("table", name.toString(), "unknownColumns", List.copyOf(byColumn.keySet())));
        }
        return String.join(", ", columns);
    }

    private static long count(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }
}
