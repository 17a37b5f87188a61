package dev.neurolake.server.graph;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Optional;

/**
 * The knowledge graph's configuration, under {@code neurolake.graph}.
 *
 * @param uri a Neo4j server or cluster ({@code bolt://host:7687}, {@code neo4j://host:7687}, or their {@code +s} TLS forms);
 * empty (the default) starts an embedded Neo4j under the data directory
 * @param username login of the server at {@code uri}
 * @param password the login's password
 * @param database the database to use; the server's default when empty
 * @param maxConnectionPoolSize pooled connections per server (default 50)
 * @param connectionTimeout connecting or waiting for a pooled connection (default 5s): an unreachable store is
 * reported after about this long
 * @param defaultTimeout transaction timeout of a Cypher request that names none (default 60s)
 * @param maxTimeout the longest timeout a request may ask for (default 10m)
 * @param defaultMaxRows rows returned when a request names no limit (default 1000)
 * @param maxRowsLimit the most rows a request may ask for (default 100000)
 * @param retryAttempts attempts of a call that hit a transient error (default 3)
 * @param retryInitialBackoff wait before the first retry; doubles for each further one (default 100ms)
 * @param circuitOpenDuration how long calls fail at once after the store was found down, before one tries again (default 10s)
 * @param projection how projections write
 * @param script how script imports run
 * @param embedded the embedded Neo4j
 * @param demo project the TPC-H demo tables into the graph on first start (default true; needs {@code neurolake.demo.enabled})
 */
@Validated
@ConfigurationProperties("neurolake.graph")
public record GraphProperties(
        Optional<String> uri,
        Optional<String> username,
        Optional<String> password,
        Optional<String> database,
        @DefaultValue("50") @Min(1) int maxConnectionPoolSize,
        @DefaultValue("5s") Duration connectionTimeout,
        @DefaultValue("60s") Duration defaultTimeout,
        @DefaultValue("10m") Duration maxTimeout,
        @DefaultValue("1000") @Min(1) int defaultMaxRows,
        @DefaultValue("100000") @Min(1) int maxRowsLimit,
        @DefaultValue("3") @Min(1) @Max(10) int retryAttempts,
        @DefaultValue("100ms") Duration retryInitialBackoff,
        @DefaultValue("10s") Duration circuitOpenDuration,
        @DefaultValue @Valid Projection projection,
        @DefaultValue @Valid Script script,
        @DefaultValue @Valid Embedded embedded,
        @DefaultValue("true") boolean demo)
{
    public GraphProperties
    {
        // The binder leaves absent optional values null.
        uri = orEmpty(uri).filter(value -> !value.isBlank());
        username = orEmpty(username).filter(value -> !value.isBlank());
        password = orEmpty(password);
        database = orEmpty(database).filter(value -> !value.isBlank());
    }

    /**
     * @param batchSize rows per write transaction (default 10000)
     * @param batchTimeout transaction timeout of one batch (default 5m)
     * @param writers batches written at once, each its own transaction (default 2): Neo4j runs a transaction on one thread
     */
    public record Projection(@DefaultValue("10000") @Min(1) @Max(1_000_000) int batchSize, @DefaultValue("5m") Duration batchTimeout,
            @DefaultValue("2") @Min(1) @Max(64) int writers) {}

    /**
     * @param statementsPerTransaction statements of a script per write transaction (default 500)
     * @param transactionTimeout timeout of one such transaction (default 5m)
     * @param maxSize the largest script accepted (default 64MB)
     */
    public record Script(
            @DefaultValue("500") @Min(1) int statementsPerTransaction,
            @DefaultValue("5m") Duration transactionTimeout,
            @DefaultValue("64MB") DataSize maxSize) {}

    /**
     * @param pageCacheSize Neo4j's page cache (default 512MB)
     */
    public record Embedded(@DefaultValue("512MB") DataSize pageCacheSize) {}

    private static <T> Optional<T> orEmpty(Optional<T> value)
    {
        return value == null ? Optional.empty() : value;
    }
}
