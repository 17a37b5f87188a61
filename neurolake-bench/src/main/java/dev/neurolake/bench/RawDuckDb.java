package dev.neurolake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * The baseline: plain DuckDB JDBC in the benchmark's process, a private in-memory database with
 * one view per table over the very Parquet files NeuroLake wrote, and as many threads as the
 * server's DuckDB. The difference to NeuroLake is then only what NeuroLake adds around DuckDB.
 */
final class RawDuckDb
        implements QuerySystem, AutoCloseable
{
    private static final String SCHEMA = "tpch";

    private final Connection connection;

    /**
     * @param tableFiles each table's Parquet files
     * @param threads DuckDB worker threads
     */
    RawDuckDb(Map<String, List<Path>> tableFiles, int threads)
    {
        requireNonNull(tableFiles, "tableFiles is null");
        try {
            // A URL without a path is a new private in-memory database: nothing shared with anything else.
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = " + threads);
                statement.execute("CREATE SCHEMA " + SCHEMA);
                for (Map.Entry<String, List<Path>> table : tableFiles.entrySet()) {
                    String files = String.join(", ", table.getValue().stream().map(file -> literal(file.toAbsolutePath().toString())).toList());
                    statement.execute("CREATE VIEW " + SCHEMA + "." + quote(table.getKey()) + " AS SELECT * FROM read_parquet([" + files + "])");
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot set up DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * The Parquet files of each table in a NeuroLake data directory:
     * {@code warehouse/<namespace>/<table>-<uuid>/data/*.parquet}. Each table was created once, so
     * its data directory holds exactly the files of its current snapshot.
     */
    static Map<String, List<Path>> tableFiles(Path dataDirectory, String namespace, List<String> tables)
    {
        Path namespaceDirectory = dataDirectory.resolve("warehouse").resolve(namespace);
        Map<String, List<Path>> files = new TreeMap<>();
        for (String table : tables) {
            List<Path> tableFiles = new ArrayList<>();
            try (DirectoryStream<Path> tableDirectories = Files.newDirectoryStream(namespaceDirectory, table + "-*")) {
                for (Path tableDirectory : tableDirectories) {
                    try (DirectoryStream<Path> parquet = Files.newDirectoryStream(tableDirectory.resolve("data"), "*.parquet")) {
                        parquet.forEach(tableFiles::add);
                    }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot list the files of " + namespace + "." + table + " under " + namespaceDirectory, e);
            }
            if (tableFiles.isEmpty()) {
                throw new IllegalStateException("No Parquet files for " + namespace + "." + table + " under " + namespaceDirectory);
            }
            files.put(table, tableFiles.stream().sorted().toList());
        }
        return files;
    }

    @Override
    public String name()
    {
        return "Raw DuckDB";
    }

    @Override
    public QueryExecution execute(String sql)
    {
        List<Object[]> rows = new ArrayList<>();
        Duration cpuBefore = Machine.processCpuTime();
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            int columns = resultSet.getMetaData().getColumnCount();
            // Every value is read, as the server reads every value to serialize it.
            while (resultSet.next()) {
                Object[] row = new Object[columns];
                for (int index = 0; index < columns; index++) {
                    row[index] = resultSet.getObject(index + 1);
                }
                rows.add(row);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed: " + e.getMessage() + "\n" + sql, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration cpuTime = Machine.processCpuTime().minus(cpuBefore);
        QueryRun run = new QueryRun(rows.size(), elapsed, cpuTime, OptionalLong.empty(), Machine.loadAverage());
        return new QueryExecution(run, ResultComparison.fromJdbc(rows));
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
