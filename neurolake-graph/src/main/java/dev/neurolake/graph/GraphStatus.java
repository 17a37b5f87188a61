package dev.neurolake.graph;

import static java.util.Objects.requireNonNull;

/**
 * A graph store that answered.
 *
 * @param uri where it is (without credentials)
 * @param version the Neo4j version, e.g. {@code 2026.08.1}
 * @param edition {@code community} or {@code enterprise}
 * @param circuit the circuit breaker's state: {@code CLOSED} when calls flow normally
 */
public record GraphStatus(String uri, String version, String edition, String circuit)
{
    public GraphStatus
    {
        requireNonNull(uri, "uri is null");
        requireNonNull(version, "version is null");
        requireNonNull(edition, "edition is null");
        requireNonNull(circuit, "circuit is null");
    }
}
