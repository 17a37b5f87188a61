package dev.neurolake.server.graph;

import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.graph.GraphStatus;
import dev.neurolake.graph.GraphStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import static java.util.Objects.requireNonNull;

/**
 * Ready only while the graph store answers. While its circuit breaker is open this answers at
 * once, without calling the store; afterwards a probe is one of the calls that find it back.
 */
@Component
public class GraphHealthIndicator
        extends AbstractHealthIndicator
{
    private final GraphStore graph;
    private final GraphServer server;

    public GraphHealthIndicator(GraphStore graph, GraphServer server)
    {
        super("Graph store does not answer");
        this.graph = requireNonNull(graph, "graph is null");
        this.server = requireNonNull(server, "server is null");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder)
    {
        builder.withDetail("embedded", server.embedded());
        try {
            GraphStatus status = graph.status();
            builder.up()
                    .withDetail("uri", status.uri())
                    .withDetail("version", status.version())
                    .withDetail("edition", status.edition())
                    .withDetail("circuit", status.circuit());
        }
        catch (NeuroLakeException e) {
            builder.down()
                    .withDetail("code", e.code().name())
                    .withDetail("error", e.getMessage())
                    .withDetail("circuit", e.details().getOrDefault("circuit", "CLOSED"));
        }
    }
}
