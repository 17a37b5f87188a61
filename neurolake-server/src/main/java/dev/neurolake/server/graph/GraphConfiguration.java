package dev.neurolake.server.graph;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.graph.GraphStore;
import dev.neurolake.graph.Neo4jGraphStore;
import dev.neurolake.graph.projection.GraphProjector;
import dev.neurolake.graph.projection.ProjectionSettings;
import dev.neurolake.graph.projection.ProjectionStore;
import dev.neurolake.graph.script.ScriptImporter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the graph store (embedded Neo4j or a remote server) and the services built on it. */
@Configuration(proxyBeanMethods = false)
public class GraphConfiguration
{
    @Bean(destroyMethod = "close")
    GraphServer graphServer(GraphProperties properties, NeuroLakeEngine engine)
    {
        return GraphServer.start(properties, engine.dataDirectory());
    }

    /** Closed before the server it talks to: Spring destroys dependents first. */
    @Bean(destroyMethod = "close")
    GraphStore graphStore(GraphServer server, MeterRegistry meters)
    {
        return new Neo4jGraphStore(server.settings(), meters);
    }

    @Bean
    GraphProjector graphProjector(GraphStore graph, NeuroLakeEngine engine, GraphProperties properties, MeterRegistry meters)
    {
        ProjectionStore.migrate(engine.metadata());
        return new GraphProjector(graph, engine.catalog(), engine.queries(), new ProjectionStore(engine.metadata()),
                new ProjectionSettings(properties.projection().batchSize(), properties.projection().batchTimeout(), properties.projection().writers()), meters);
    }

    @Bean
    ScriptImporter scriptImporter(GraphStore graph, GraphProperties properties, MeterRegistry meters)
    {
        return new ScriptImporter(graph, properties.script().statementsPerTransaction(), properties.script().transactionTimeout(), meters);
    }
}
