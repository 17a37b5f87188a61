package dev.neurolake.graph;

import dev.neurolake.neo4j.embedded.EmbeddedNeo4j;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4jSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The graph stores the tests run against, started once per test JVM (a Neo4j start takes
 * seconds) and stopped when it exits:
 * <ul>
 * <li>{@link Backend#EMBEDDED}: the default path, as the server runs it: an embedded Neo4j
 * and a store on the Bolt URI and random password it hands out;</li>
 * <li>{@link Backend#REMOTE}: a second Neo4j, reached only by a configured {@code bolt://}
 * URI, user and password, as a remote server is.</li>
 * </ul>
 */
public final class TestGraphs
{
    /** Small: several instances share one test JVM. */
    static final long PAGE_CACHE_BYTES = 64L * 1024 * 1024;
    static final String REMOTE_PASSWORD = "remote-test-password";

    private static final Map<Backend, Neo4jGraphStore> STORES = new EnumMap<>(Backend.class);

    public enum Backend
    {
        EMBEDDED,
        REMOTE
    }

    private TestGraphs() {}

    public static synchronized Neo4jGraphStore store(Backend backend)
    {
        return STORES.computeIfAbsent(backend, TestGraphs::start);
    }

    private static Neo4jGraphStore start(Backend backend)
    {
        EmbeddedNeo4jSettings settings = EmbeddedNeo4jSettings.defaults(temporaryDirectory("neurolake-graph-" + backend.name().toLowerCase(java.util.Locale.ROOT)))
                .withPageCacheBytes(PAGE_CACHE_BYTES);
        Neo4jGraphStore store;
        EmbeddedNeo4j neo4j;
        if (backend == Backend.EMBEDDED) {
            neo4j = EmbeddedNeo4j.start(settings);
            store = new Neo4jGraphStore(GraphSettings.defaults(neo4j.boltUri(), neo4j.username(), neo4j.password()), new SimpleMeterRegistry());
        }
        else {
            neo4j = EmbeddedNeo4j.start(settings.withPassword(REMOTE_PASSWORD));
            // Only what a user would configure: the URI as text, a user and a password.
            URI uri = URI.create("bolt://127.0.0.1:" + neo4j.boltPort());
            store = new Neo4jGraphStore(GraphSettings.defaults(uri, "neo4j", REMOTE_PASSWORD), new SimpleMeterRegistry());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            neo4j.close();
        }, "stop-test-neo4j-" + backend));
        return store;
    }

    public static Path temporaryDirectory(String prefix)
    {
        try {
            return Files.createTempDirectory(prefix);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings for a store on a URI with short waits, for outage tests. */
    static GraphSettings quickSettings(URI uri, String password)
    {
        return GraphSettings.defaults(uri, "neo4j", password).withCircuitOpenDuration(Duration.ofSeconds(1));
    }
}
