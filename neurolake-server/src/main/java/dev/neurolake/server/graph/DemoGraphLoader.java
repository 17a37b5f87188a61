package dev.neurolake.server.graph;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.graph.projection.GraphProjector;
import dev.neurolake.graph.projection.ProjectionMapping;
import dev.neurolake.graph.projection.ProjectionRun;
import dev.neurolake.graph.projection.TpchGraph;
import dev.neurolake.lake.TableName;
import dev.neurolake.server.NeuroLakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Projects the TPC-H demo tables into the demo graph ({@link TpchGraph}) once, after they
 * were created and before the server reports ready (ready events are handled before traffic
 * is accepted). An empty embedded graph is bulk-imported (see {@link GraphProjector#build}). A marker file remembers it was done. A graph store that is down leaves the
 * lake serving: the projection is logged as failed and tried again at the next start.
 */
@Component
public class DemoGraphLoader
        implements ApplicationListener<ApplicationReadyEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(DemoGraphLoader.class);
    private static final String MARKER = ".demo-graph-loaded";
    private static final List<String> TABLES = List.of("region", "nation", "customer", "supplier", "part", "partsupp", "orders", "lineitem");

    private final NeuroLakeEngine engine;
    private final GraphProjector projector;
    private final NeuroLakeProperties.Demo demo;
    private final GraphProperties graph;
    private final GraphServer server;

    public DemoGraphLoader(NeuroLakeEngine engine, GraphProjector projector, NeuroLakeProperties properties, GraphProperties graph, GraphServer server)
    {
        this.server = requireNonNull(server, "server is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.projector = requireNonNull(projector, "projector is null");
        this.demo = requireNonNull(properties, "properties is null").demo();
        this.graph = requireNonNull(graph, "graph is null");
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event)
    {
        Path marker = engine.dataDirectory().resolve(MARKER);
        if (!demo.enabled() || !graph.demo() || Files.exists(marker)
                || !TABLES.stream().allMatch(table -> engine.catalog().exists(new TableName(demo.namespace(), table)))) {
            return;
        }
        try {
            ProjectionMapping mapping = TpchGraph.mapping(demo.namespace());
            // Nobody else uses the graph yet, so an empty embedded one may be bulk-imported.
            ProjectionRun run = server.bulkLoader().isPresent()
                    ? projector.build(mapping, TableAccess.UNRESTRICTED, Optional.of("system"), server.bulkLoader().get(), engine.dataDirectory().resolve("graph-import"))
                    : projector.run(mapping, TableAccess.UNRESTRICTED, Optional.of("system"));
            LOG.info("Created the demo graph from namespace '{}': {} nodes and {} relationships in {} ms",
                    demo.namespace(), run.nodesCreated(), run.relationshipsCreated(), run.elapsedMillis());
            Files.writeString(marker, "projection " + TpchGraph.NAME + "\n");
        }
        catch (NeuroLakeException e) {
            LOG.warn("Cannot create the demo graph now ({}: {}); it is tried again at the next start", e.code(), e.getMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + marker, e);
        }
    }
}
