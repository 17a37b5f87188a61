package dev.neurolake.server.graph;

import dev.neurolake.graph.GraphSettings;
import dev.neurolake.graph.projection.GraphBulkLoader;
import dev.neurolake.neo4j.embedded.BulkImport;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4j;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4jSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Where the graph lives: the Neo4j server at {@code neurolake.graph.uri}, or, when none is set,
 * an embedded Neo4j started here. Either way the rest of NeuroLake gets a Bolt URI and a login.
 */
public final class GraphServer
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(GraphServer.class);

    private final GraphSettings settings;
    private final Optional<EmbeddedNeo4j> embedded;

    private GraphServer(GraphSettings settings, Optional<EmbeddedNeo4j> embedded)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.embedded = requireNonNull(embedded, "embedded is null");
    }

    static GraphServer start(GraphProperties properties, Path dataDirectory)
    {
        if (properties.uri().isPresent()) {
            URI uri = URI.create(properties.uri().get());
            LOG.info("Graph store: Neo4j at {}", uri);
            return new GraphServer(settings(properties, uri, properties.username(), properties.password()), Optional.empty());
        }
        long start = System.nanoTime();
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(new EmbeddedNeo4jSettings(dataDirectory.resolve("graph"), 0,
                OptionalLong.of(properties.embedded().pageCacheSize().toBytes()), Optional.empty()));
        LOG.info("Graph store: embedded Neo4j under {} on {}, started in {} ms", dataDirectory.resolve("graph"), neo4j.boltUri(), (System.nanoTime() - start) / 1_000_000);
        return new GraphServer(settings(properties, neo4j.boltUri(), Optional.of(neo4j.username()), Optional.of(neo4j.password())), Optional.of(neo4j));
    }

    private static GraphSettings settings(GraphProperties properties, URI uri, Optional<String> username, Optional<String> password)
    {
        return new GraphSettings(uri, username, password, properties.database(), properties.maxConnectionPoolSize(), properties.connectionTimeout(),
                properties.defaultTimeout(), properties.maxTimeout(), properties.defaultMaxRows(), properties.maxRowsLimit(), properties.retryAttempts(),
                properties.retryInitialBackoff(), properties.circuitOpenDuration());
    }

    /** How to reach the graph store. */
    public GraphSettings settings()
    {
        return settings;
    }

    /** The embedded Neo4j's offline importer; a remote server has none. */
    public Optional<GraphBulkLoader> bulkLoader()
    {
        return embedded.map(neo4j -> files -> neo4j.replaceGraph(
                new BulkImport(files.nodeFiles(), files.relationshipFiles(), files.integerIds(), files.multilineFields(), files.directory())));
    }

    /** Whether the store is the embedded Neo4j. */
    public boolean embedded()
    {
        return embedded.isPresent();
    }

    @Override
    public void close()
    {
        embedded.ifPresent(EmbeddedNeo4j::close);
    }
}
