package dev.neurolake.metadata;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The metadata database: an embedded H2 file under the data directory by default, PostgreSQL
 * in production. Both run the same Flyway migrations from {@code db/migration}.
 */
public final class MetadataDatabase
{
    private MetadataDatabase() {}

    /** The JDBC URL of the embedded default metadata database for a data directory. */
    public static String embeddedUrl(Path dataDirectory)
    {
        Path file = dataDirectory.toAbsolutePath().resolve("metadata").resolve("neurolake");
        // Several pools (ours and Iceberg's JDBC catalog) share the file inside one JVM;
        // DB_CLOSE_DELAY keeps it open between their connections.
        return "jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    }

    /** Opens a pooled data source for the given connection settings. */
    public static HikariDataSource open(MetadataConnection connection)
    {
        requireNonNull(connection, "connection is null");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(connection.url());
        connection.username().ifPresent(config::setUsername);
        connection.password().ifPresent(config::setPassword);
        config.setPoolName("neurolake-metadata");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /** Brings the schema up to date; returns the number of migrations applied. */
    public static int migrate(DataSource dataSource)
    {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
