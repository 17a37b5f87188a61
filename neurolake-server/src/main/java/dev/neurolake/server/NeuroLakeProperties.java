package dev.neurolake.server;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * NeuroLake's configuration, under the {@code neurolake} prefix (environment variables such as
 * {@code NEUROLAKE_DATA_DIRECTORY} work too).
 *
 * @param dataDirectory where tables, metadata and spooled uploads live (default {@code ./data})
 */
@Validated
@ConfigurationProperties("neurolake")
public record NeuroLakeProperties(
        @DefaultValue("./data") @NotNull Path dataDirectory,
        @DefaultValue @Valid Metadata metadata,
        @DefaultValue @Valid Duckdb duckdb,
        @DefaultValue @Valid Query query,
        @DefaultValue @Valid Demo demo)
{
    /**
     * The metadata database.
     *
     * @param url JDBC URL; empty means an embedded H2 file under the data directory. A
     * {@code jdbc:postgresql://...} URL selects PostgreSQL.
     */
    public record Metadata(Optional<String> url, Optional<String> username, Optional<String> password)
    {
        public Metadata
        {
            // The binder leaves absent optional values null.
            url = orEmpty(url);
            username = orEmpty(username);
            password = orEmpty(password);
        }
    }

    /**
     * The embedded DuckDB engine.
     *
     * @param memoryLimit e.g. {@code 4GB}; DuckDB's default (80% of RAM) when empty
     * @param threads DuckDB threads; one per core when empty
     * @param maxConcurrentStatements statements that run at once; more wait in line (default 8)
     */
    public record Duckdb(Optional<String> memoryLimit, Optional<Integer> threads, @DefaultValue("8") @Min(1) int maxConcurrentStatements)
    {
        public Duckdb
        {
            memoryLimit = orEmpty(memoryLimit);
            threads = orEmpty(threads);
        }
    }

    /**
     * The SQL API's limits.
     *
     * @param defaultMaxRows rows per page when a request names none (default 1000)
     * @param maxRowsLimit the largest page a request may ask for (default 100000)
     * @param defaultTimeout timeout of a query that names none (default 5m)
     * @param maxTimeout the longest timeout a request may ask for (default 1h)
     * @param cursorIdleTimeout how long an unread result stays open (default 10m)
     * @param maxOpenCursors open results at most (default 100)
     */
    public record Query(
            @DefaultValue("1000") @Min(1) int defaultMaxRows,
            @DefaultValue("100000") @Min(1) int maxRowsLimit,
            @DefaultValue("5m") Duration defaultTimeout,
            @DefaultValue("1h") Duration maxTimeout,
            @DefaultValue("10m") Duration cursorIdleTimeout,
            @DefaultValue("100") @Min(1) int maxOpenCursors) {}

    /**
     * The demo dataset created on first start.
     *
     * @param enabled create it when the data directory is new (default true)
     * @param scaleFactor TPC-H scale factor (default 0.01: 60,175 lineitem rows)
     * @param namespace where the tables go (default {@code demo})
     */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.01") @DecimalMin("0.0001") @DecimalMax("100") double scaleFactor,
            @DefaultValue("demo") @NotBlank String namespace) {}

    private static <T> Optional<T> orEmpty(Optional<T> value)
    {
        return value == null ? Optional.empty() : value;
    }
}
