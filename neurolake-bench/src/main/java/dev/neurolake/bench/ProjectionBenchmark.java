package dev.neurolake.bench;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.duckdb.DuckDbSettings;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.graph.CypherRequest;
import dev.neurolake.graph.GraphSettings;
import dev.neurolake.graph.Neo4jGraphStore;
import dev.neurolake.graph.projection.GraphBulkLoader;
import dev.neurolake.graph.projection.GraphProjector;
import dev.neurolake.graph.projection.ProjectionRun;
import dev.neurolake.graph.projection.ProjectionSettings;
import dev.neurolake.graph.projection.ProjectionStore;
import dev.neurolake.graph.projection.SetResult;
import dev.neurolake.graph.projection.TpchGraph;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import dev.neurolake.neo4j.embedded.BulkImport;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4j;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4jSettings;
import dev.neurolake.sql.QueryRequest;
import dev.neurolake.sql.QuerySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Graph projection throughput: the TPC-H tables at a scale factor projected into the demo graph
 * ({@link TpchGraph}) of an embedded Neo4j reached over Bolt, as the server does it. Reports
 * nodes plus relationships written per second, for the first run (an empty graph) and for a
 * refresh (the same mapping again: every node and relationship merged and updated).
 *
 * <p>The first run goes as the server's first start builds the demo graph: by Neo4j's offline
 * importer into the empty embedded graph ({@code bulk}, {@link GraphProjector#build}); or, as
 * any projection into a graph that serves ({@code transactions}), in write transactions.
 *
 * <p>Usage: {@code ProjectionBenchmark [scaleFactor=1] [pageCacheMegabytes=4096] [batchSize=10000] [workDirectory=bench-data] [refresh=true] [writers=2] [first=bulk|transactions]}.
 */
public final class ProjectionBenchmark
{
    private ProjectionBenchmark() {}

    public static void main(String[] arguments)
            throws IOException
    {
        double scaleFactor = arguments.length > 0 ? Double.parseDouble(arguments[0]) : 1;
        long pageCacheMegabytes = arguments.length > 1 ? Long.parseLong(arguments[1]) : 4096;
        int batchSize = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 10_000;
        Path workDirectory = arguments.length > 3 ? Path.of(arguments[3]) : Path.of("bench-data");
        boolean refresh = arguments.length <= 4 || Boolean.parseBoolean(arguments[4]);
        int writers = arguments.length > 5 ? Integer.parseInt(arguments[5]) : 2;
        boolean bulk = arguments.length <= 6 || arguments[6].equals("bulk");
        System.out.println(run(scaleFactor, pageCacheMegabytes, batchSize, writers, workDirectory, refresh, bulk, System.err));
    }

    static String run(double scaleFactor, long pageCacheMegabytes, int batchSize, int writers, Path workDirectory, boolean refresh, boolean bulk, PrintStream progress)
            throws IOException
    {
        Path runDirectory = RunDirectories.create(workDirectory, "projection-");
        try {
            Path dataDirectory = runDirectory.resolve("neurolake");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (NeuroLakeEngine engine = NeuroLakeEngine.start(DuckDbSettings.defaults(dataDirectory), MetadataConnection.of(MetadataDatabase.embeddedUrl(dataDirectory)),
                    QuerySettings.defaults(), meters);
                    EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jSettings.defaults(dataDirectory.resolve("graph")).withPageCacheBytes(pageCacheMegabytes * 1024 * 1024));
                    Neo4jGraphStore graph = new Neo4jGraphStore(GraphSettings.defaults(neo4j.boltUri(), neo4j.username(), neo4j.password()), meters)) {
                long start = System.nanoTime();
                engine.tpch().load("demo", scaleFactor);
                progress.printf("TPC-H scale factor %s loaded into the lake in %d s%n", scaleFactor, Duration.ofNanos(System.nanoTime() - start).toSeconds());
                ProjectionStore.migrate(engine.metadata());
                GraphProjector projector = new GraphProjector(graph, engine.catalog(), engine.queries(), new ProjectionStore(engine.metadata()),
                        new ProjectionSettings(batchSize, Duration.ofMinutes(30), writers), meters);
                GraphBulkLoader loader = files -> {
                    long importStart = System.nanoTime();
                    String summary = neo4j.replaceGraph(new BulkImport(files.nodeFiles(), files.relationshipFiles(), files.integerIds(), files.multilineFields(), files.directory()));
                    progress.printf("Import and restart of Neo4j: %d ms (%s)%n", Duration.ofNanos(System.nanoTime() - importStart).toMillis(), summary);
                    return summary;
                };
                ProjectionRun first = bulk
                        ? projector.build(TpchGraph.mapping("demo"), TableAccess.UNRESTRICTED, Optional.of("bench"), loader, dataDirectory.resolve("graph-import"))
                        : projector.run(TpchGraph.mapping("demo"), TableAccess.UNRESTRICTED, Optional.of("bench"));
                progress.println(describe("first run", first));
                Optional<ProjectionRun> second = Optional.empty();
                if (refresh) {
                    second = Optional.of(projector.run(TpchGraph.mapping("demo"), TableAccess.UNRESTRICTED, Optional.of("bench")));
                    progress.println(describe("refresh", second.get()));
                }
                long orders = (Long) engine.queries().execute(QueryRequest.of("SELECT count(*) FROM demo.orders")).rows().getFirst().getFirst();
                long placed = (Long) graph.execute(CypherRequest.read("MATCH (:Customer)-[:PLACED]->(o:Order) RETURN count(o)")).rows().getFirst().getFirst();
                if (orders != placed) {
                    throw new IllegalStateException("Graph has " + placed + " PLACED relationships for " + orders + " orders");
                }
                return report(scaleFactor, batchSize, writers, pageCacheMegabytes, bulk, first, second);
            }
        }
        finally {
            RunDirectories.delete(runDirectory);
        }
    }

    private static String describe(String label, ProjectionRun run)
    {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %,d nodes + %,d relationships written in %.1f s = %,d per second%n",
                label, run.nodesCreated() + run.nodesUpdated(), run.relationshipsCreated() + run.relationshipsUpdated(), run.elapsedMillis() / 1000.0, Math.round(run.itemsPerSecond())));
        for (SetResult set : run.sets()) {
            text.append(String.format(Locale.ROOT, "  %-13s %-9s %,11d rows %7.1f s %,9d rows/s%n", set.kind(), set.name(), set.rows(), set.elapsedMillis() / 1000.0,
                    set.elapsedMillis() == 0 ? set.rows() : set.rows() * 1000 / set.elapsedMillis()));
        }
        return text.toString();
    }

    private static String report(double scaleFactor, int batchSize, int writers, long pageCacheMegabytes, boolean bulk, ProjectionRun first, Optional<ProjectionRun> refresh)
    {
        StringBuilder table = new StringBuilder("| run | nodes | relationships | seconds | nodes + relationships per second | nodes per second of the whole run |\n|---|---:|---:|---:|---:|---:|\n");
        table.append(row(bulk ? "first (empty graph, bulk import)" : "first (empty graph, CREATE transactions)", first));
        refresh.ifPresent(run -> table.append(row("refresh (MERGE, all updated)", run)));
        return table.append(String.format(Locale.ROOT, "%nTPC-H scale factor %s, batch %,d rows, %d writers, Neo4j page cache %,d MB, %d cores, Java %s.%n",
                scaleFactor, batchSize, writers, pageCacheMegabytes, Runtime.getRuntime().availableProcessors(), Runtime.version())).toString();
    }

    private static String row(String label, ProjectionRun run)
    {
        long nodes = run.nodesCreated() + run.nodesUpdated();
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %,d | %,d |%n", label, nodes,
                run.relationshipsCreated() + run.relationshipsUpdated(), run.elapsedMillis() / 1000.0, Math.round(run.itemsPerSecond()),
                Math.round(nodes * 1000.0 / Math.max(1, run.elapsedMillis())));
    }
}
