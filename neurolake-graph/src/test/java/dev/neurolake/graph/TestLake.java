package dev.neurolake.graph;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.duckdb.DuckDbSettings;
import dev.neurolake.graph.projection.ProjectionStore;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import dev.neurolake.sql.QuerySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One engine per test JVM with the TPC-H demo tables at a tiny scale, and the graph module's tables migrated. */
public final class TestLake
{
    public static final String NAMESPACE = "demo";

    private static NeuroLakeEngine engine;

    private TestLake() {}

    public static synchronized NeuroLakeEngine engine()
    {
        if (engine == null) {
            Path dataDirectory = TestGraphs.temporaryDirectory("neurolake-graph-lake");
            engine = NeuroLakeEngine.start(DuckDbSettings.defaults(dataDirectory), MetadataConnection.of(MetadataDatabase.embeddedUrl(dataDirectory)),
                    QuerySettings.defaults(), new SimpleMeterRegistry());
            engine.tpch().load(NAMESPACE, 0.001);
            ProjectionStore.migrate(engine.metadata());
            NeuroLakeEngine started = engine;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "stop-test-engine"));
        }
        return engine;
    }

    /** {@code SELECT count(*)} of a table. */
    public static long count(String table)
    {
        return (Long) engine().queries().execute(dev.neurolake.sql.QueryRequest.of("SELECT count(*) FROM " + table)).rows().getFirst().getFirst();
    }
}
