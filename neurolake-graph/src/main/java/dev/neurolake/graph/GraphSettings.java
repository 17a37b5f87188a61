package dev.neurolake.graph;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Where the graph store is and how NeuroLake talks to it.
 *
 * @param uri the Neo4j server or cluster: {@code bolt://}, {@code neo4j://} (routing), or their {@code +s}/{@code +ssc} TLS forms
 * @param username login; no authentication when empty
 * @param password the login's password
 * @param database the database to use; the server's default database when empty
 * @param maxConnectionPoolSize connections kept to each server at most
 * @param connectionTimeout how long connecting, or waiting for a free pooled connection, may take; an unreachable
 * store is reported after at most about this long
 * @param defaultTimeout transaction timeout of a Cypher request that names none
 * @param maxTimeout the longest transaction timeout a request may ask for
 * @param defaultMaxRows rows returned when a request names no limit
 * @param maxRowsLimit the most rows a request may ask for
 * @param retryAttempts attempts of a call that failed with a transient error, the first included
 * @param retryInitialBackoff wait before the second attempt; it doubles for each further one
 * @param circuitOpenDuration how long calls fail at once after the store was found unreachable, before one call tries again
 */
public record GraphSettings(
        URI uri,
        Optional<String> username,
        Optional<String> password,
        Optional<String> database,
        int maxConnectionPoolSize,
        Duration connectionTimeout,
        Duration defaultTimeout,
        Duration maxTimeout,
        int defaultMaxRows,
        int maxRowsLimit,
        int retryAttempts,
        Duration retryInitialBackoff,
        Duration circuitOpenDuration)
{
    private static final Set<String> SCHEMES = Set.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    public GraphSettings
    {
        requireNonNull(uri, "uri is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(maxTimeout, "maxTimeout is null");
        requireNonNull(retryInitialBackoff, "retryInitialBackoff is null");
        requireNonNull(circuitOpenDuration, "circuitOpenDuration is null");
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
            throw new IllegalArgumentException("graph URI must start with bolt://, neo4j:// or their +s/+ssc forms: " + uri);
        }
        if (maxConnectionPoolSize < 1) {
            throw new IllegalArgumentException("maxConnectionPoolSize must be at least 1");
        }
        if (defaultMaxRows < 1 || maxRowsLimit < defaultMaxRows) {
            throw new IllegalArgumentException("defaultMaxRows must be at least 1 and at most maxRowsLimit");
        }
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("retryAttempts must be at least 1");
        }
        requirePositive(connectionTimeout, "connectionTimeout");
        requirePositive(defaultTimeout, "defaultTimeout");
        requirePositive(circuitOpenDuration, "circuitOpenDuration");
        if (maxTimeout.compareTo(defaultTimeout) < 0) {
            throw new IllegalArgumentException("maxTimeout must not be shorter than defaultTimeout");
        }
    }

    /** A store at a URI with a login and NeuroLake's default limits. */
    public static GraphSettings defaults(URI uri, String username, String password)
    {
        return new GraphSettings(uri, Optional.of(username), Optional.of(password), Optional.empty(), 50, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofMinutes(10), 1000, 100_000, 3, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    /** The same settings with another wait before a store found unreachable is tried again. */
    public GraphSettings withCircuitOpenDuration(Duration duration)
    {
        return new GraphSettings(uri, username, password, database, maxConnectionPoolSize, connectionTimeout, defaultTimeout, maxTimeout,
                defaultMaxRows, maxRowsLimit, retryAttempts, retryInitialBackoff, duration);
    }

    private static void requirePositive(Duration duration, String name)
    {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
