package dev.neurolake.duckdb;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static java.util.Objects.requireNonNull;

/**
 * The embedded DuckDB database and the threads that talk to it.
 *
 * <p>DuckDB runs in-memory (tables are Iceberg tables of Parquet files under the data
 * directory) and is locked down at start: no extension installs or loads, no file access
 * outside the data directory, and no configuration changes afterwards.
 *
 * <p>Every DuckDB call goes through {@link #call}, which runs it on a small pool of platform
 * threads: a native call pins a virtual thread to its carrier, and a few long queries would
 * otherwise starve every other request of carriers.
 */
public final class DuckDbRuntime
        implements AutoCloseable
{
    private final DuckDBConnection root;
    private final ExecutorService executor;
    private final Path dataDirectory;

    public DuckDbRuntime(DuckDbSettings settings)
    {
        requireNonNull(settings, "settings is null");
        this.dataDirectory = settings.dataDirectory().toAbsolutePath();
        Path tempDirectory = dataDirectory.resolve("tmp").resolve("duckdb");
        try {
            Files.createDirectories(tempDirectory);
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = root.createStatement()) {
                statement.execute("SET autoinstall_known_extensions = false");
                statement.execute("SET autoload_known_extensions = false");
                statement.execute("SET temp_directory = " + literal(tempDirectory.toString()));
                settings.memoryLimit().ifPresent(limit -> execute(statement, "SET memory_limit = " + literal(limit)));
                settings.threads().ifPresent(threads -> execute(statement, "SET threads = " + threads));
                statement.execute("SET allowed_directories = [" + literal(dataDirectory + "/") + "]");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
        }
        catch (SQLException e) {
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Cannot start DuckDB: " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.executor = Executors.newFixedThreadPool(settings.maxConcurrentStatements(), threadFactory());
    }

    /** The directory DuckDB may read and write. */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /** A new connection to the shared database; the caller closes it. Use it only inside {@link #call}. */
    public Connection connect()
            throws SQLException
    {
        return root.duplicate();
    }

    /** Runs DuckDB work on an engine thread and waits for it; exceptions come back unwrapped. */
    public <T> T call(Callable<T> work)
    {
        return await(submit(work));
    }

    /** Starts DuckDB work on an engine thread. */
    public <T> Future<T> submit(Callable<T> work)
    {
        return executor.submit(work);
    }

    /** Waits for work started with {@link #submit}, rethrowing its failure unwrapped. */
    public static <T> T await(Future<T> future)
    {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new NeuroLakeException(ErrorCode.QUERY_CANCELLED, "Interrupted while waiting for DuckDB", e);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "DuckDB failed: " + cause.getMessage(), cause);
        }
    }

    /** Checks that DuckDB answers; used by readiness. */
    public void ping()
    {
        call(() -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            return null;
        });
    }

    private static void execute(Statement statement, String sql)
    {
        try {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Invalid DuckDB setting '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static ThreadFactory threadFactory()
    {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "neurolake-duckdb-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close()
    {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            root.close();
        }
        catch (SQLException e) {
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
