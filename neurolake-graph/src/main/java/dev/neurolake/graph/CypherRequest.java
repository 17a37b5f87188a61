package dev.neurolake.graph;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * A Cypher statement to run.
 *
 * @param parameters values for the statement's {@code $name} parameters
 * @param maxRows rows to return at most; the configured default when empty
 * @param timeout the transaction timeout; the configured default when empty
 * @param access {@link GraphAccess#READ} for callers without graph write permission: the database refuses their writes
 */
public record CypherRequest(String query, Map<String, Object> parameters, OptionalInt maxRows, Optional<Duration> timeout, GraphAccess access)
{
    public CypherRequest
    {
        requireNonNull(query, "query is null");
        // Parameters may be null values, which Map.copyOf refuses.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        requireNonNull(maxRows, "maxRows is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(access, "access is null");
    }

    public static CypherRequest read(String query)
    {
        return new CypherRequest(query, Map.of(), OptionalInt.empty(), Optional.empty(), GraphAccess.READ);
    }

    public static CypherRequest write(String query)
    {
        return new CypherRequest(query, Map.of(), OptionalInt.empty(), Optional.empty(), GraphAccess.WRITE);
    }

    /** The same request with parameters. */
    public CypherRequest withParameters(Map<String, Object> values)
    {
        return new CypherRequest(query, values, maxRows, timeout, access);
    }
}
