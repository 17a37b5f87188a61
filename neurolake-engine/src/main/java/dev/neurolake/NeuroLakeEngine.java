package dev.neurolake;

import com.zaxxer.hikari.HikariDataSource;
import dev.neurolake.demo.TpchDemoData;
import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.duckdb.DuckDbSettings;
import dev.neurolake.governance.Governance;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.LakeWriter;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import dev.neurolake.sql.QueryHistory;
import dev.neurolake.sql.QueryService;
import dev.neurolake.sql.QuerySettings;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The NeuroLake engine: metadata database, lake catalog, DuckDB and the services built on
 * them, started and stopped together. The server and the benchmarks both run it this way.
 */
public final class NeuroLakeEngine
        implements AutoCloseable
{
    private final Path dataDirectory;
    private final HikariDataSource metadata;
    private final LakeCatalog catalog;
    private final DuckDbRuntime duckdb;
    private final LakeWriter writer;
    private final QueryService queries;
    private final Governance governance;

    private NeuroLakeEngine(Path dataDirectory, HikariDataSource metadata, LakeCatalog catalog, DuckDbRuntime duckdb, QuerySettings querySettings, MeterRegistry meters)
    {
        this.dataDirectory = dataDirectory;
        this.metadata = metadata;
        this.catalog = catalog;
        this.duckdb = duckdb;
        this.writer = new LakeWriter(catalog, duckdb);
        this.queries = new QueryService(duckdb, catalog, new QueryHistory(metadata), querySettings, meters);
        this.governance = Governance.on(metadata);
    }

    /** Starts the engine: creates the data directory, migrates the metadata database, starts DuckDB. */
    public static NeuroLakeEngine start(DuckDbSettings duckDbSettings, MetadataConnection metadataConnection, QuerySettings querySettings, MeterRegistry meters)
    {
        requireNonNull(duckDbSettings, "duckDbSettings is null");
        requireNonNull(metadataConnection, "metadataConnection is null");
        requireNonNull(querySettings, "querySettings is null");
        requireNonNull(meters, "meters is null");
        Path dataDirectory = duckDbSettings.dataDirectory().toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory.resolve("staging"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDirectory, e);
        }
        HikariDataSource metadata = MetadataDatabase.open(metadataConnection);
        try {
            MetadataDatabase.migrate(metadata);
            LakeCatalog catalog = new LakeCatalog(dataDirectory, metadataConnection);
            DuckDbRuntime duckdb = new DuckDbRuntime(duckDbSettings);
            return new NeuroLakeEngine(dataDirectory, metadata, catalog, duckdb, querySettings, meters);
        }
        catch (RuntimeException e) {
            metadata.close();
            throw e;
        }
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /** Where uploads are spooled before they are read: inside the data directory, which DuckDB may read. */
    public Path stagingDirectory()
    {
        return dataDirectory.resolve("staging");
    }

    public DataSource metadata()
    {
        return metadata;
    }

    public LakeCatalog catalog()
    {
        return catalog;
    }

    public DuckDbRuntime duckdb()
    {
        return duckdb;
    }

    public LakeWriter writer()
    {
        return writer;
    }

    public QueryService queries()
    {
        return queries;
    }

    /** Users, groups, grants, API keys and the audit log. */
    public Governance governance()
    {
        return governance;
    }

    public dev.neurolake.lake.TableMaintenance maintenance()
    {
        return new dev.neurolake.lake.TableMaintenance(catalog, duckdb);
    }

    public dev.neurolake.lake.RowRewriter rewriter()
    {
        return new dev.neurolake.lake.RowRewriter(catalog, duckdb);
    }

    public TpchDemoData tpch()
    {
        return new TpchDemoData(duckdb, writer);
    }

    @Override
    public void close()
            throws IOException
    {
        try (metadata; catalog; duckdb; queries) {
            // Closed in reverse order: queries, DuckDB, catalog, metadata database.
        }
        finally {
            shutdownEmbeddedDatabase();
        }
    }

    /** The embedded H2 file stays open (and locked) for the JVM's life unless it is shut down. */
    private void shutdownEmbeddedDatabase()
    {
        String url = metadata.getJdbcUrl();
        if (!url.startsWith("jdbc:h2:")) {
            return;
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        catch (java.sql.SQLException e) {
            throw new UncheckedIOException(new IOException("Cannot shut down the metadata database: " + e.getMessage(), e));
        }
    }
}
