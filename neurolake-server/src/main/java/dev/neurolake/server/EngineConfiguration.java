package dev.neurolake.server;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.duckdb.DuckDbSettings;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import dev.neurolake.sql.QueryService;
import dev.neurolake.sql.QuerySettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

import java.util.OptionalInt;

/** Starts the engine with the server's configuration and exposes its parts as beans. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration
{
    @Bean(destroyMethod = "close")
    NeuroLakeEngine neuroLakeEngine(NeuroLakeProperties properties, MeterRegistry meters, org.springframework.core.env.Environment environment)
    {
        dev.neurolake.server.governance.FirstStartAdmin.requireProductionSecrets(environment);
        NeuroLakeProperties.Duckdb duckdb = properties.duckdb();
        DuckDbSettings duckDbSettings = new DuckDbSettings(
                properties.dataDirectory(),
                duckdb.memoryLimit(),
                duckdb.threads().map(OptionalInt::of).orElseGet(OptionalInt::empty),
                duckdb.maxConcurrentStatements());
        NeuroLakeProperties.Metadata metadata = properties.metadata();
        MetadataConnection connection = new MetadataConnection(
                metadata.url().filter(url -> !url.isBlank()).orElseGet(() -> MetadataDatabase.embeddedUrl(properties.dataDirectory())),
                metadata.username(),
                metadata.password());
        NeuroLakeProperties.Query query = properties.query();
        QuerySettings querySettings = new QuerySettings(query.defaultMaxRows(), query.maxRowsLimit(), query.defaultTimeout(), query.maxTimeout(), query.cursorIdleTimeout(), query.maxOpenCursors());
        return NeuroLakeEngine.start(duckDbSettings, connection, querySettings, meters);
    }

    /** The metadata database, also checked by the {@code db} health indicator. */
    @Bean(destroyMethod = "") // the engine closes it
    DataSource metadataDataSource(NeuroLakeEngine engine)
    {
        return engine.metadata();
    }

    @Bean(destroyMethod = "") // the engine closes it
    LakeCatalog lakeCatalog(NeuroLakeEngine engine)
    {
        return engine.catalog();
    }

    @Bean(destroyMethod = "") // the engine closes it
    QueryService queryService(NeuroLakeEngine engine)
    {
        return engine.queries();
    }

    /** Uploads spool straight to the data directory, from where DuckDB reads them (a rename, not a copy). */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, NeuroLakeEngine engine)
    {
        return new MultipartConfigElement(
                engine.stagingDirectory().toString(),
                multipart.getMaxFileSize().toBytes(),
                multipart.getMaxRequestSize().toBytes(),
                0);
    }
}
