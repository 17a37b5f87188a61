package dev.neurolake.server.ops;

import dev.neurolake.NeuroLakeEngine;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Ready only while DuckDB answers a trivial query. */
@Component
public class DuckdbHealthIndicator
        extends AbstractHealthIndicator
{
    private final NeuroLakeEngine engine;

    public DuckdbHealthIndicator(NeuroLakeEngine engine)
    {
        super("DuckDB does not answer");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder)
    {
        engine.duckdb().ping();
        builder.up();
    }
}
