package dev.neurolake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static java.util.Objects.requireNonNull;

/**
 * The baseline: plain DuckDB, in its own in-memory database, copying the CSV to one ZSTD
 * Parquet file. This is the floor for NeuroLake, which runs the same reader and writer and
 * adds a table around them.
 */
final class DuckDbCopy
        implements IngestSystem
{
    private final Path outputDirectory;
    private final Connection connection;

    DuckDbCopy(Path outputDirectory)
    {
        this.outputDirectory = requireNonNull(outputDirectory, "outputDirectory is null");
        try {
            Files.createDirectories(outputDirectory);
            // A URL without a path is a new private in-memory database: nothing shared with the engine's.
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + outputDirectory, e);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    @Override
    public String name()
    {
        return "DuckDB COPY";
    }

    @Override
    public IngestRun ingest(Path csv, int repetition)
    {
        Path output = output(repetition);
        String copy = "COPY (SELECT * FROM read_csv(" + literal(csv.toString()) + ")) TO " + literal(output.toString())
                + " (FORMAT parquet, COMPRESSION zstd)";
        try (Statement statement = connection.createStatement()) {
            Duration cpuBefore = Machine.processCpuTime();
            long start = System.nanoTime();
            // COPY answers with the number of rows it wrote.
            long rows = statement.executeLargeUpdate(copy);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new IngestRun(rows, Files.size(output), elapsed, Machine.processCpuTime().minus(cpuBefore));
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB COPY failed: " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + output, e);
        }
    }

    @Override
    public void discard(int repetition)
    {
        try {
            Files.deleteIfExists(output(repetition));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + output(repetition), e);
        }
    }

    private Path output(int repetition)
    {
        return outputDirectory.resolve("lineitem_" + repetition + ".parquet");
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
