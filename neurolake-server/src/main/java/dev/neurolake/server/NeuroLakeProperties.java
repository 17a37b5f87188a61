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
        @DefaultValue @Valid Demo demo,
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Ratelimit ratelimit)
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

    /**
     * Authentication and hardening.
     *
     * @param maxFailedLogins failed logins in a row before an account locks (default 5)
     * @param lockDuration how long a locked account stays locked (default 15m)
     * @param corsAllowedOrigins origins allowed to call the API from a browser (default none)
     * @param maxRequestBodySize largest non-upload request body (default 10MB)
     * @param oidc SSO with JWT bearer tokens; off unless an issuer or key set URI is set
     */
    public record Security(
            @DefaultValue("5") @Min(1) int maxFailedLogins,
            @DefaultValue("15m") Duration lockDuration,
            @DefaultValue java.util.List<String> corsAllowedOrigins,
            @DefaultValue("10MB") org.springframework.util.unit.DataSize maxRequestBodySize,
            @DefaultValue @Valid Oidc oidc) {}

    /**
     * OIDC / JWT bearer tokens from an identity provider.
     *
     * @param issuerUri the expected {@code iss}; discovery uses it when no key set URI is given
     * @param jwkSetUri where the provider publishes its signing keys
     * @param usernameClaim the claim naming the user (default {@code preferred_username}, else {@code sub})
     * @param roleClaim the claim listing roles (default {@code roles})
     * @param roleMapping provider role name to NeuroLake role (admin, engineer, analyst, viewer); names equal to a NeuroLake role map to it
     */
    public record Oidc(
            Optional<String> issuerUri,
            Optional<String> jwkSetUri,
            @DefaultValue("preferred_username") String usernameClaim,
            @DefaultValue("roles") String roleClaim,
            @DefaultValue java.util.Map<String, String> roleMapping)
    {
        public Oidc
        {
            issuerUri = orEmpty(issuerUri).filter(value -> !value.isBlank());
            jwkSetUri = orEmpty(jwkSetUri).filter(value -> !value.isBlank());
        }

        public boolean enabled()
        {
            return issuerUri.isPresent() || jwkSetUri.isPresent();
        }
    }

    /**
     * Token-bucket rate limits, per principal (and per client IP before sign-in).
     *
     * @param enabled whether requests are limited (default true)
     * @param redisUrl {@code redis://host:6379}: share buckets between replicas; in-memory when empty
     * @param perMinute requests per minute by role name (defaults: admin 1200, engineer 1200, analyst 600, viewer 600)
     * @param anonymousPerMinute requests per minute per client IP before authentication (default 120)
     */
    public record Ratelimit(
            @DefaultValue("true") boolean enabled,
            Optional<String> redisUrl,
            @DefaultValue java.util.Map<String, Integer> perMinute,
            @DefaultValue("120") @Min(1) int anonymousPerMinute)
    {
        public Ratelimit
        {
            redisUrl = orEmpty(redisUrl).filter(value -> !value.isBlank());
        }
    }

    private static <T> Optional<T> orEmpty(Optional<T> value)
    {
        return value == null ? Optional.empty() : value;
    }
}
