package dev.neurolake.sql;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.LakeTypes;
import dev.neurolake.lake.LakeWriter;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.RowRewriter;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.lake.WriteResult;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Types;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * Runs SQL writes, each as one Iceberg commit. Every SQL fragment a statement embeds is checked
 * like a read query first (no file functions, grants on every table it reads), and the target
 * needs a WRITE grant.
 */
final class WriteExecutor
{
    private final DuckDbRuntime duckdb;
    private final LakeCatalog catalog;
    private final LakeWriter writer;
    private final RowRewriter rewriter;
    private final ViewPreparer views;

    /** Checks a read query and points its tables' views at current snapshots; returns the tables it reads. */
    @FunctionalInterface
    interface ViewPreparer
    {
        List<TableName> prepare(Connection connection, String select, TableAccess access)
                throws SQLException;
    }

    WriteExecutor(DuckDbRuntime duckdb, LakeCatalog catalog, ViewPreparer views)
    {
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.writer = new LakeWriter(catalog, duckdb);
        this.rewriter = new RowRewriter(catalog, duckdb);
        this.views = requireNonNull(views, "views is null");
    }

    /** What a write did. */
    record Outcome(String statement, long rowsAffected, Optional<Long> snapshotId, List<TableName> tablesRead)
    {
        Outcome
        {
            requireNonNull(statement, "statement is null");
            requireNonNull(snapshotId, "snapshotId is null");
            tablesRead = List.copyOf(requireNonNull(tablesRead, "tablesRead is null"));
        }
    }

    Outcome execute(WriteStatement statement, TableAccess access)
    {
        if (!access.canWrite(statement.table())) {
            throw new NeuroLakeException(ErrorCode.TABLE_ACCESS_DENIED, "No WRITE grant on table '" + statement.table() + "'",
                    Map.of("table", statement.table().toString(), "privilege", "WRITE"));
        }
        return switch (statement) {
            case WriteStatement.CreateTableAs create -> {
                List<TableName> read = check(create.select(), access);
                WriteResult result = writer.write(create.table(), WriteMode.CREATE, new QuerySource(create.select(), "CREATE TABLE AS"));
                yield new Outcome("CREATE TABLE AS", result.rowsWritten(), result.snapshotId(), read);
            }
            case WriteStatement.InsertInto insert -> insert(insert, access);
            case WriteStatement.Update update -> {
                List<TableName> read = check("SELECT " + String.join(", ", update.assignments().values()) + " FROM " + qualified(update.table())
                        + update.condition().map(condition -> " WHERE " + condition).orElse(""), access);
                RowRewriter.Outcome outcome = rewriter.update(update.table(), update.assignments(), update.condition());
                yield new Outcome("UPDATE", outcome.rowsAffected(), outcome.snapshotId(), read);
            }
            case WriteStatement.Delete delete -> {
                List<TableName> read = check("SELECT * FROM " + qualified(delete.table()) + delete.condition().map(condition -> " WHERE " + condition).orElse(""), access);
                RowRewriter.Outcome outcome = rewriter.delete(delete.table(), delete.condition());
                yield new Outcome("DELETE", outcome.rowsAffected(), outcome.snapshotId(), read);
            }
            case WriteStatement.DropTable drop -> {
                if (catalog.exists(drop.table())) {
                    catalog.drop(drop.table());
                }
                else if (!drop.ifExists()) {
                    throw new NeuroLakeException(ErrorCode.TABLE_NOT_FOUND, "Table '" + drop.table() + "' does not exist", Map.of("table", drop.table().toString()));
                }
                yield new Outcome("DROP TABLE", 0, Optional.empty(), List.of());
            }
            case WriteStatement.AddColumn add -> {
                Table table = catalog.load(add.table());
                String type = duckDbTypeName(add.type());
                table.updateSchema().addColumn(add.column(), LakeTypes.icebergType(type)).commit();
                yield schemaChanged("ALTER TABLE ADD COLUMN", table);
            }
            case WriteStatement.RenameColumn rename -> {
                Table table = catalog.load(rename.table());
                if (table.schema().findField(rename.from()) == null) {
                    throw new NeuroLakeException(ErrorCode.SQL_ERROR, "Table '" + rename.table() + "' has no column '" + rename.from() + "'", Map.of("column", rename.from()));
                }
                table.updateSchema().renameColumn(rename.from(), rename.to()).commit();
                yield schemaChanged("ALTER TABLE RENAME COLUMN", table);
            }
        };
    }

    private Outcome insert(WriteStatement.InsertInto insert, TableAccess access)
    {
        List<TableName> read = check(insert.select(), access);
        Table table = catalog.load(insert.table());
        List<String> columns = insert.columns().isEmpty()
                ? table.schema().columns().stream().map(Types.NestedField::name).toList()
                : insert.columns();
        int selected = selectedColumns(insert.select());
        if (selected != columns.size()) {
            throw new NeuroLakeException(ErrorCode.SQL_ERROR, "INSERT names " + columns.size() + " columns but its query returns " + selected,
                    Map.of("table", insert.table().toString()));
        }
        // Columns are matched by position, as SQL says: the query's output is renamed to the target columns.
        String select = "SELECT * FROM (" + insert.select() + ") AS nl_insert(" + String.join(", ", columns.stream().map(column -> quote(column)).toList()) + ")";
        WriteResult result = writer.write(insert.table(), WriteMode.APPEND, new QuerySource(select, "INSERT"));
        return new Outcome("INSERT", result.rowsWritten(), result.snapshotId(), read);
    }

    private List<TableName> check(String select, TableAccess access)
    {
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                return views.prepare(connection, select, access);
            }
        });
    }

    private int selectedColumns(String select)
    {
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect(); Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("DESCRIBE " + select)) {
                int count = 0;
                while (resultSet.next()) {
                    count++;
                }
                return count;
            }
            catch (SQLException e) {
                throw SqlErrors.translate(e, "", select);
            }
        });
    }

    /** DuckDB's canonical name of a type the user wrote (INT, TEXT, NUMERIC(10,2), ...). */
    private String duckDbTypeName(String type)
    {
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect(); Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT typeof(CAST(NULL AS " + type + "))")) {
                resultSet.next();
                return resultSet.getString(1);
            }
            catch (SQLException e) {
                throw new NeuroLakeException(ErrorCode.SQL_ERROR, "Unknown column type '" + type + "'", Map.of("type", type), e);
            }
        });
    }

    private static Outcome schemaChanged(String statement, Table table)
    {
        table.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(table.schema()))).commit();
        return new Outcome(statement, 0, Optional.ofNullable(table.currentSnapshot()).map(Snapshot::snapshotId), List.of());
    }

    private static String qualified(TableName table)
    {
        return quote(table.namespace()) + "." + quote(table.name());
    }

}
