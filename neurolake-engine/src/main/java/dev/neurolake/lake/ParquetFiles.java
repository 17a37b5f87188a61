package dev.neurolake.lake;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static dev.neurolake.duckdb.DuckDbSql.quote;

/**
 * How NeuroLake writes and reads its Parquet data files with DuckDB: files carry Iceberg field
 * ids, and reads map columns by field id, so renamed, added and widened columns read right
 * from files written before the change.
 */
public final class ParquetFiles
{
    private ParquetFiles() {}

    /** A new, unique data file path under a table's location. */
    public static Path newDataFile(String tableLocation)
    {
        return LocalFileIO.toPath(tableLocation).resolve("data").resolve(UUID.randomUUID() + ".parquet");
    }

    /** Writes the rows of a SELECT to one Parquet file (one file keeps the rows' order); returns it as an Iceberg data file, if it has rows. */
    public static Optional<DataFile> write(Connection connection, String select, Schema schema, Path file)
            throws SQLException
    {
        try {
            Files.createDirectories(file.getParent());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO " + literal(file.toString()) + " (FORMAT parquet, COMPRESSION zstd, FIELD_IDS " + fieldIds(schema) + ")");
        }
        return describe(connection, file);
    }

    /** The Iceberg data file for a Parquet file, or empty (and the file deleted) when it has no rows. */
    static Optional<DataFile> describe(Connection connection, Path file)
            throws SQLException
    {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long rows;
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT num_rows FROM parquet_file_metadata(" + literal(file.toString()) + ")")) {
            resultSet.next();
            rows = resultSet.getLong(1);
        }
        if (rows == 0) {
            delete(file);
            return Optional.empty();
        }
        return Optional.of(DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(file.toString())
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(size(file))
                .withRecordCount(rows)
                .build());
    }

    /** A relation reading data files with the given schema: columns are matched by field id. */
    public static String read(Collection<String> files, Schema schema)
    {
        List<String> literals = new ArrayList<>();
        files.forEach(file -> literals.add(literal(file)));
        List<String> fields = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            fields.add(field.fieldId() + ": {name: " + literal(field.name()) + ", type: " + literal(LakeTypes.duckDbType(field.type())) + ", default_value: NULL}");
        }
        return "read_parquet([" + String.join(", ", literals) + "], schema = MAP {" + String.join(", ", fields) + "})";
    }

    /**
     * A relation reading data files that all have exactly the schema's columns, by name, as
     * NeuroLake writes them ({@link #write} with every column of the schema): the files of a
     * table whose schema never changed. It gives the same rows and types as {@link #read}, but
     * without DuckDB's {@code schema} parameter, which hides the files' row counts from DuckDB's
     * optimizer (it estimates one row per scan and picks join orders that make multi-join
     * queries several times slower). Same-type casts cost nothing: DuckDB drops them.
     */
    public static String readByName(Collection<String> files, Schema schema)
    {
        List<String> literals = new ArrayList<>();
        files.forEach(file -> literals.add(literal(file)));
        List<String> columns = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            columns.add("CAST(" + quote(field.name()) + " AS " + LakeTypes.duckDbType(field.type()) + ") AS " + quote(field.name()));
        }
        return "(SELECT " + String.join(", ", columns) + " FROM read_parquet([" + String.join(", ", literals) + "]))";
    }

    /** A relation with no rows and the schema's columns, for a table without data files. */
    public static String empty(Schema schema)
    {
        List<String> columns = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            columns.add("CAST(NULL AS " + LakeTypes.duckDbType(field.type()) + ") AS " + quote(field.name()));
        }
        return "(SELECT " + String.join(", ", columns) + " WHERE false)";
    }

    static String fieldIds(Schema schema)
    {
        List<String> entries = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            entries.add(quote(field.name()) + ": " + field.fieldId());
        }
        return "{" + String.join(", ", entries) + "}";
    }

    public static void delete(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
