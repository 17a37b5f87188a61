package dev.neurolake.bench;

import dev.neurolake.demo.TpchStaging;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static java.util.Objects.requireNonNull;

/**
 * Generates the eight TPC-H tables with the Trino generator (the same data as the
 * specification's dbgen) and writes each to one Parquet file with plain DuckDB: rows go through
 * DuckDB's appender into an in-memory table, then {@code COPY ... TO ... (FORMAT parquet)}. The
 * column types are the specification's, as in the demo dataset: money DECIMAL(15,2), dates DATE.
 */
final class TpchParquet
{
    private static final String STAGING_TABLE = "staging";

    private TpchParquet() {}

    /** Writes {@code <table>.parquet} for every table into the directory. */
    static List<GeneratedTable> write(Path directory, double scaleFactor, PrintStream progress)
    {
        requireNonNull(directory, "directory is null");
        requireNonNull(progress, "progress is null");
        List<GeneratedTable> tables = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            // A private in-memory database, closed afterwards so its memory is back before the measuring starts.
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
                for (TpchTable<?> table : TpchTable.getTables()) {
                    GeneratedTable generated = write(connection.unwrap(DuckDBConnection.class), table, directory.resolve(table.getTableName() + ".parquet"), scaleFactor);
                    progress.printf(Locale.ROOT, "Generated %-8s %,11d rows, %,13d bytes in %.1f s%n",
                            generated.name(), generated.rows(), generated.bytes(), generated.elapsed().toMillis() / 1e3);
                    tables.add(generated);
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot generate TPC-H with DuckDB: " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
        return List.copyOf(tables);
    }

    private static <E extends TpchEntity> GeneratedTable write(DuckDBConnection connection, TpchTable<E> table, Path file, double scaleFactor)
            throws SQLException, IOException
    {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(TpchStaging.createTable(STAGING_TABLE, table));
            TpchStaging.append(connection, DuckDBConnection.DEFAULT_SCHEMA, STAGING_TABLE, table, scaleFactor);
            long rows = statement.executeLargeUpdate("COPY (" + TpchStaging.select(table, STAGING_TABLE) + ") TO " + literal(file.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            statement.execute("DROP TABLE " + STAGING_TABLE);
            return new GeneratedTable(table.getTableName(), file, rows, Files.size(file), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** One generated table's Parquet file. */
    record GeneratedTable(String name, Path file, long rows, long bytes, Duration elapsed)
    {
        GeneratedTable
        {
            requireNonNull(name, "name is null");
            requireNonNull(file, "file is null");
            requireNonNull(elapsed, "elapsed is null");
        }
    }
}
