package dev.neurolake.neo4j.embedded;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded Neo4j runs.
 *
 * @param homeDirectory Neo4j's home: its databases, transaction logs and log files go here
 * @param boltPort the loopback port Bolt listens on; {@code 0} picks a free one
 * @param pageCacheBytes Neo4j's page cache; Neo4j's own default (half of the free RAM, less the heap) when empty
 * @param password the password of user {@code neo4j}; a new random one at every start when empty
 */
public record EmbeddedNeo4jSettings(Path homeDirectory, int boltPort, OptionalLong pageCacheBytes, Optional<String> password)
{
    public EmbeddedNeo4jSettings
    {
        requireNonNull(homeDirectory, "homeDirectory is null");
        requireNonNull(pageCacheBytes, "pageCacheBytes is null");
        requireNonNull(password, "password is null");
        password.ifPresent(value -> {
            // Neo4j's own minimum.
            if (value.length() < 8) {
                throw new IllegalArgumentException("password must have at least 8 characters");
            }
        });
        if (boltPort < 0 || boltPort > 65_535) {
            throw new IllegalArgumentException("boltPort must be between 0 and 65535: " + boltPort);
        }
        pageCacheBytes.ifPresent(bytes -> {
            if (bytes < 1024 * 1024) {
                throw new IllegalArgumentException("pageCacheBytes must be at least 1 MiB: " + bytes);
            }
        });
    }

    /** Neo4j in a directory, Bolt on any free loopback port, Neo4j's default memory. */
    public static EmbeddedNeo4jSettings defaults(Path homeDirectory)
    {
        return new EmbeddedNeo4jSettings(homeDirectory, 0, OptionalLong.empty(), Optional.empty());
    }

    /** The same settings with Bolt on a given port: to restart an instance where clients expect it. */
    public EmbeddedNeo4jSettings withBoltPort(int port)
    {
        return new EmbeddedNeo4jSettings(homeDirectory, port, pageCacheBytes, password);
    }

    /** The same settings with a fixed password: to play a server whose clients keep their credentials across restarts. */
    public EmbeddedNeo4jSettings withPassword(String fixedPassword)
    {
        return new EmbeddedNeo4jSettings(homeDirectory, boltPort, pageCacheBytes, Optional.of(fixedPassword));
    }

    /** The same settings with a page cache of the given size. */
    public EmbeddedNeo4jSettings withPageCacheBytes(long bytes)
    {
        return new EmbeddedNeo4jSettings(homeDirectory, boltPort, OptionalLong.of(bytes), password);
    }
}
