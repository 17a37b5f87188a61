package dev.neurolake.lake;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Types;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * Writes rows into lake tables. DuckDB writes the Parquet files (ZSTD, with Iceberg field ids)
 * into a fresh directory under the table; then one Iceberg commit makes them visible. Until
 * that commit readers see the previous snapshot; if anything fails the new files are deleted
 * and the table is untouched.
 */
public final class LakeWriter
{
    private final LakeCatalog catalog;
    private final DuckDbRuntime duckdb;

    public LakeWriter(LakeCatalog catalog, DuckDbRuntime duckdb)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
    }

    /** Writes all rows of a source as one commit. */
    public WriteResult write(TableName name, WriteMode mode, RowSource source)
    {
        return write(name, mode, source, false);
    }

    /**
     * Writes all rows of a source as one commit; with {@code evolveSchema}, an append may add the
     * source's new columns (nullable) and widen int to bigint and float to double, in the same commit.
     */
    public WriteResult write(TableName name, WriteMode mode, RowSource source, boolean evolveSchema)
    {
        requireNonNull(name, "name is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(source, "source is null");
        long start = System.nanoTime();
        return duckdb.call(() -> {
            try (Connection connection = duckdb.connect()) {
                return write(connection, name, mode, source, evolveSchema, start);
            }
        });
    }

    private WriteResult write(Connection connection, TableName name, WriteMode mode, RowSource source, boolean evolveSchema, long start)
            throws SQLException
    {
        Optional<Table> existing = catalog.find(name);
        List<SourceColumn> sourceColumns = describe(connection, source);
        Target target = switch (mode) {
            case CREATE -> {
                if (existing.isPresent()) {
                    throw new NeuroLakeException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + name + "' already exists", Map.of("table", name.toString()));
                }
                yield newTable(name, sourceColumns, false);
            }
            case REPLACE -> newTable(name, sourceColumns, existing.isPresent());
            case APPEND -> {
                Table table = existing.orElseThrow(() -> LakeCatalog.tableNotFound(name));
                yield evolveSchema ? evolve(name, table, sourceColumns) : Target.append(name, table);
            }
        };
        Schema schema = target.schema();
        Map<String, String> typeHints = new LinkedHashMap<>();
        Map<Integer, SourceColumn> bySourceField = match(schema, sourceColumns, source);
        bySourceField.forEach((fieldId, column) -> typeHints.put(column.name(), LakeTypes.duckDbType(schema.findType(fieldId))));

        Path file = ParquetFiles.newDataFile(target.location());
        try {
            String select = projection(schema, bySourceField, source.relation(mode == WriteMode.APPEND ? typeHints : Map.of()));
            List<DataFile> files;
            try {
                files = ParquetFiles.write(connection, select, schema, file).stream().toList();
            }
            catch (SQLException e) {
                throw valueProblem(connection, source, schema, bySourceField, e);
            }
            long snapshotId = target.commit(files, mode);
            long rows = files.stream().mapToLong(DataFile::recordCount).sum();
            long bytes = files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
            return new WriteResult(name, mode, rows, files.size(), bytes, Optional.of(snapshotId).filter(id -> id != 0L), Duration.ofNanos(System.nanoTime() - start));
        }
        catch (RuntimeException e) {
            ParquetFiles.delete(file);
            throw e;
        }
    }

    /** Adds the source's new columns and widens int/float columns the source holds as bigint/double. */
    private static Target evolve(TableName name, Table table, List<SourceColumn> sourceColumns)
    {
        Schema schema = table.schema();
        Transaction transaction = table.newTransaction();
        org.apache.iceberg.UpdateSchema update = transaction.updateSchema();
        boolean changed = false;
        for (SourceColumn column : sourceColumns) {
            Types.NestedField field = schema.caseInsensitiveFindField(column.name());
            org.apache.iceberg.types.Type sourceType = LakeTypes.icebergType(column.type());
            if (field == null) {
                update.addColumn(column.name(), LakeTypes.needsTextConversion(column.type()) ? Types.StringType.get() : sourceType);
                changed = true;
            }
            else if (widens(field.type(), sourceType)) {
                update.updateColumn(field.name(), sourceType.asPrimitiveType());
                changed = true;
            }
        }
        if (!changed) {
            return Target.append(name, table);
        }
        update.commit();
        transaction.updateProperties()
                .set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(transaction.table().schema())))
                .commit();
        return Target.transaction(name, transaction);
    }

    private static boolean widens(org.apache.iceberg.types.Type current, org.apache.iceberg.types.Type wider)
    {
        return current.typeId() == org.apache.iceberg.types.Type.TypeID.INTEGER && wider.typeId() == org.apache.iceberg.types.Type.TypeID.LONG
                || current.typeId() == org.apache.iceberg.types.Type.TypeID.FLOAT && wider.typeId() == org.apache.iceberg.types.Type.TypeID.DOUBLE;
    }

    private Target newTable(TableName name, List<SourceColumn> columns, boolean replace)
    {
        if (columns.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.UPLOAD_EMPTY, "The data has no columns", Map.of("table", name.toString()));
        }
        List<Types.NestedField> fields = new ArrayList<>();
        for (SourceColumn column : columns) {
            fields.add(Types.NestedField.optional(fields.size() + 1, column.name(), LakeTypes.icebergType(column.type())));
        }
        Schema schema = new Schema(fields);
        catalog.ensureNamespace(name.namespace());
        Map<String, String> properties = Map.of(
                TableProperties.FORMAT_VERSION, "2",
                TableProperties.PARQUET_COMPRESSION, "zstd",
                TableProperties.COMMIT_NUM_RETRIES, "20",
                TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "20");
        var builder = catalog.iceberg().buildTable(LakeCatalog.identifier(name), schema)
                .withPartitionSpec(PartitionSpec.unpartitioned())
                .withProperties(properties);
        Transaction transaction;
        if (replace) {
            transaction = builder.replaceTransaction();
        }
        else {
            String location = catalog.warehouse().resolve(name.namespace()).resolve(name.name() + "-" + UUID.randomUUID().toString().replace("-", "")).toString();
            transaction = builder.withLocation(location).createTransaction();
        }
        // Files written by others without field ids still map to columns by name.
        transaction.updateProperties()
                .set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(transaction.table().schema())))
                .commit();
        return Target.transaction(name, transaction);
    }

    private static List<SourceColumn> describe(Connection connection, RowSource source)
            throws SQLException
    {
        List<SourceColumn> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("DESCRIBE SELECT * FROM " + source.relation(Map.of()))) {
            while (resultSet.next()) {
                columns.add(new SourceColumn(resultSet.getString("column_name"), resultSet.getString("column_type")));
            }
        }
        catch (SQLException e) {
            throw new NeuroLakeException(ErrorCode.UPLOAD_PARSE_ERROR, "Cannot read " + source.description() + ": " + firstLine(e.getMessage()), Map.of("file", source.description(), "detail", e.getMessage()), e);
        }
        return columns;
    }

    /** Maps each target field id to the source column feeding it (case-insensitive names). */
    private static Map<Integer, SourceColumn> match(Schema schema, List<SourceColumn> sourceColumns, RowSource source)
    {
        Map<String, SourceColumn> byName = new LinkedHashMap<>();
        for (SourceColumn column : sourceColumns) {
            byName.put(column.name().toLowerCase(Locale.ROOT), column);
        }
        Map<Integer, SourceColumn> matched = new LinkedHashMap<>();
        for (Types.NestedField field : schema.columns()) {
            SourceColumn column = byName.remove(field.name().toLowerCase(Locale.ROOT));
            if (column != null) {
                matched.put(field.fieldId(), column);
            }
        }
        if (!byName.isEmpty()) {
            List<String> extra = byName.values().stream().map(SourceColumn::name).toList();
            throw new NeuroLakeException(ErrorCode.UPLOAD_SCHEMA_MISMATCH,
                    source.description() + " has columns the table does not have: " + String.join(", ", extra),
                    Map.of("file", source.description(), "unknownColumns", extra, "tableColumns", schema.columns().stream().map(Types.NestedField::name).toList()));
        }
        if (matched.isEmpty() && !sourceColumns.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.UPLOAD_SCHEMA_MISMATCH, source.description() + " shares no column with the table", Map.of("file", source.description()));
        }
        return matched;
    }

    private static String projection(Schema schema, Map<Integer, SourceColumn> bySourceField, String relation)
    {
        List<String> expressions = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            String type = LakeTypes.duckDbType(field.type());
            SourceColumn column = bySourceField.get(field.fieldId());
            String expression;
            if (column == null) {
                expression = "CAST(NULL AS " + type + ")";
            }
            else if (LakeTypes.needsTextConversion(column.type())) {
                expression = "CAST(to_json(" + quote(column.name()) + ") AS VARCHAR)";
            }
            else if (column.type().equalsIgnoreCase(type)) {
                expression = quote(column.name());
            }
            else {
                expression = "CAST(" + quote(column.name()) + " AS " + type + ")";
            }
            expressions.add(expression + " AS " + quote(field.name()));
        }
        return "SELECT " + String.join(", ", expressions) + " FROM " + relation;
    }

    private NeuroLakeException valueProblem(Connection connection, RowSource source, Schema schema, Map<Integer, SourceColumn> bySourceField, SQLException error)
    {
        String message = error.getMessage();
        Optional<ValueProblem> problem = source.locate(message)
                .or(() -> ValueLocator.locate(connection, source, schema, bySourceField));
        if (problem.isEmpty()) {
            return new NeuroLakeException(ErrorCode.UPLOAD_PARSE_ERROR, "Cannot read " + source.description() + ": " + firstLine(message),
                    Map.of("file", source.description(), "detail", message), error);
        }
        ValueProblem located = problem.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", source.description());
        details.put("row", located.row());
        located.line().ifPresent(line -> details.put("line", line));
        details.put("column", located.column());
        details.put("value", located.value().orElse(null));
        details.put("expectedType", located.expectedType());
        return new NeuroLakeException(ErrorCode.UPLOAD_INVALID_VALUE,
                "%s: row %d, column '%s': value %s does not fit type %s".formatted(
                        source.description(), located.row(), located.column(),
                        located.value().map(value -> "'" + value + "'").orElse("NULL"), located.expectedType()),
                details, error);
    }

    static String firstLine(String message)
    {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    record SourceColumn(String name, String type)
    {
        SourceColumn
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** The table a write goes into: an existing one, or one created or replaced in a transaction. */
    private record Target(Optional<Table> table, Optional<Transaction> transaction, TableName name)
    {
        static Target append(TableName name, Table table)
        {
            return new Target(Optional.of(table), Optional.empty(), name);
        }

        static Target transaction(TableName name, Transaction transaction)
        {
            return new Target(Optional.empty(), Optional.of(transaction), name);
        }

        Schema schema()
        {
            return table.map(Table::schema).orElseGet(() -> transaction.orElseThrow().table().schema());
        }

        String location()
        {
            return table.map(Table::location).orElseGet(() -> transaction.orElseThrow().table().location());
        }

        /** Commits the files; returns the new snapshot id, or 0 when nothing was committed. */
        long commit(List<DataFile> files, WriteMode mode)
        {
            if (table.isPresent()) {
                if (files.isEmpty()) {
                    return Optional.ofNullable(table.get().currentSnapshot()).map(snapshot -> snapshot.snapshotId()).orElse(0L);
                }
                AppendFiles append = table.get().newAppend();
                files.forEach(append::appendFile);
                try {
                    append.commit();
                }
                catch (CommitFailedException e) {
                    throw concurrentModification(e);
                }
                return table.get().currentSnapshot().snapshotId();
            }
            Transaction pending = transaction.orElseThrow();
            AppendFiles append = pending.newAppend();
            files.forEach(append::appendFile);
            append.commit();
            try {
                pending.commitTransaction();
            }
            catch (AlreadyExistsException e) {
                throw new NeuroLakeException(ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + name + "' was created by another writer", Map.of("table", name.toString()), e);
            }
            catch (CommitFailedException e) {
                throw concurrentModification(e);
            }
            return pending.table().currentSnapshot().snapshotId();
        }

        private NeuroLakeException concurrentModification(CommitFailedException e)
        {
            return new NeuroLakeException(ErrorCode.CONCURRENT_MODIFICATION, "Table '" + name + "' was changed by another writer: " + e.getMessage(), Map.of("table", name.toString()), e);
        }
    }
}
