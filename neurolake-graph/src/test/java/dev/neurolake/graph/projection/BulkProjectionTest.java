package dev.neurolake.graph.projection;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.graph.CypherRequest;
import dev.neurolake.graph.GraphSettings;
import dev.neurolake.graph.Neo4jGraphStore;
import dev.neurolake.graph.TestGraphs;
import dev.neurolake.graph.TestLake;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.neo4j.embedded.BulkImport;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4j;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4jSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk path of a projection into an empty embedded graph: it must give exactly the graph the
 * transactional path gives, and never replace a graph that holds anything. Has its own Neo4j,
 * because a bulk import replaces the whole database.
 */
class BulkProjectionTest
{
    private static final String NAMESPACE = "bulk_test";

    private static EmbeddedNeo4j neo4j;
    private static Neo4jGraphStore graph;

    private final AtomicInteger imports = new AtomicInteger();
    private NeuroLakeEngine engine;
    private GraphProjector projector;

    @BeforeAll
    static void startNeo4j()
    {
        neo4j = EmbeddedNeo4j.start(EmbeddedNeo4jSettings.defaults(TestGraphs.temporaryDirectory("neurolake-bulk")).withPageCacheBytes(64L * 1024 * 1024));
        graph = new Neo4jGraphStore(GraphSettings.defaults(neo4j.boltUri(), neo4j.username(), neo4j.password()), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopNeo4j()
    {
        graph.close();
        neo4j.close();
    }

    @BeforeEach
    void emptyGraphAndTables()
    {
        engine = TestLake.engine();
        projector = new GraphProjector(graph, engine.catalog(), engine.queries(), new ProjectionStore(engine.metadata()),
                new ProjectionSettings(500, Duration.ofMinutes(1), 2), new SimpleMeterRegistry());
        wipeGraph();
        engine.writer().write(new TableName(NAMESPACE, "things"), WriteMode.REPLACE, new QuerySource("""
                SELECT id::BIGINT AS id, name, price::DECIMAL(10,2) AS price, ratio::FLOAT AS ratio, score::DOUBLE AS score, whole::DECIMAL(12,0) AS whole,
                    flag, day::DATE AS day, happened::TIMESTAMP AS happened, small::INTEGER AS small
                FROM (VALUES
                    (1, 'plain', 12.50::DECIMAL(10,2), 0.1::FLOAT, 1e300::DOUBLE, 7::DECIMAL(12,0), true, DATE '2024-02-29', TIMESTAMP '2024-01-01 10:11:12.345678', 5),
                    (2, 'comma, "quotes" and a\nline break', 0.00, -1.5, -0.0, 0, false, DATE '1970-01-01', TIMESTAMP '1999-12-31 23:59:59', -7),
                    (3, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                    (4, NULL, 99999999.99, 3.25, 2.5e-8, 123456789012, true, DATE '1900-01-01', TIMESTAMP '2262-04-11 00:00:00', 2147483647),
                    (5, '  spaces kept  ', 1.00, 0, 0, -5, false, DATE '2099-12-31', TIMESTAMP '2000-01-01 00:00:00', 0),
                    (6, 'üñí©ødé ✓ \\ backslash ; semicolon', 3.14, 2, 3.0, 1, true, DATE '2000-06-15', TIMESTAMP '2000-06-15 12:00:00.5', 1),
                    (NULL, 'no key', 1.00, 1, 1, 1, true, DATE '2000-01-01', TIMESTAMP '2000-01-01 00:00:00', 1)
                ) AS t(id, name, price, ratio, score, whole, flag, day, happened, small)""", "things"));
        engine.writer().write(new TableName(NAMESPACE, "tags"), WriteMode.REPLACE, new QuerySource(
                "SELECT * FROM (VALUES ('red', 'Red'), ('b-1', 'Blue \"one\"'), ('42', 'Answer')) AS t(code, title)", "tags"));
        engine.writer().write(new TableName(NAMESPACE, "links"), WriteMode.REPLACE, new QuerySource("""
                SELECT * FROM (VALUES (1::BIGINT, 2::BIGINT, 0.5, 'a'), (2, 3, 1.5, NULL), (3, 1, 2.5, 'x, y'), (1, 99, 1.0, 'no end'), (NULL, 1, 1.0, 'no start'), (6, 6, 0.0, 'self'))
                AS t(source, target, weight, note)""", "links"));
        engine.writer().write(new TableName(NAMESPACE, "thing_tags"), WriteMode.REPLACE, new QuerySource("""
                SELECT * FROM (VALUES (1::BIGINT, 'red', 1), (1, 'b-1', 2), (2, '42', 1), (5, 'nope', 1), (1, 'red', 1)) AS t(thing, tag, position)""", "thing_tags"));
    }

    @Test
    void bulkImportGivesTheGraphTransactionsGive()
    {
        ProjectionMapping mapping = mapping();

        ProjectionRun bulk = projector.build(mapping, TableAccess.UNRESTRICTED, Optional.of("tester"), loader(), importDirectory());

        assertThat(imports).hasValue(1);
        List<String> bulkNodes = nodes();
        List<String> bulkRelationships = relationships();
        assertThat(bulkNodes).hasSize(6 + 3);
        assertThat(bulk.nodesCreated()).isEqualTo(9);
        // 1->2, 2->3, 3->1, 6->6; 1->99 has no end node; the NULL source is not read.
        assertThat(bulk.relationshipsCreated()).isEqualTo(4 + 3);
        assertThat(bulk.relationshipsSkipped()).isEqualTo(1 + 1);
        // Text survives the CSV round trip: delimiters, quotes, line breaks, empty text apart from NULL, spaces, non-ASCII.
        assertThat(graph.execute(CypherRequest.read("MATCH (n:Thing) RETURN n.id, n.name, valueType(n.price), valueType(n.whole), valueType(n.happened) ORDER BY n.id")).rows())
                .containsExactly(
                        List.of(1L, "plain", "FLOAT NOT NULL", "INTEGER NOT NULL", "LOCAL DATETIME NOT NULL"),
                        List.of(2L, "comma, \"quotes\" and a\nline break", "FLOAT NOT NULL", "INTEGER NOT NULL", "LOCAL DATETIME NOT NULL"),
                        java.util.Arrays.asList(3L, "", "NULL", "NULL", "NULL"),
                        java.util.Arrays.asList(4L, null, "FLOAT NOT NULL", "INTEGER NOT NULL", "LOCAL DATETIME NOT NULL"),
                        List.of(5L, "  spaces kept  ", "FLOAT NOT NULL", "INTEGER NOT NULL", "LOCAL DATETIME NOT NULL"),
                        List.of(6L, "üñí©ødé ✓ \\ backslash ; semicolon", "FLOAT NOT NULL", "INTEGER NOT NULL", "LOCAL DATETIME NOT NULL"));
        assertThat(graph.schema().constraints()).extracting(constraint -> constraint.name())
                .containsExactlyInAnyOrder("neurolake_Thing_id", "neurolake_Tag_code");
        assertThat(projector.find(mapping.name())).hasValueSatisfying(info -> assertThat(info.lastRun()).hasValueSatisfying(run -> {
            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.result()).contains(bulk);
        }));

        wipeGraph();
        ProjectionRun transactional = projector.run(mapping, TableAccess.UNRESTRICTED, Optional.of("tester"));

        assertThat(nodes()).isEqualTo(bulkNodes);
        assertThat(relationships()).isEqualTo(bulkRelationships);
        assertThat(List.of(transactional.rowsRead(), transactional.nodesCreated(), transactional.relationshipsCreated(), transactional.relationshipsSkipped()))
                .isEqualTo(List.of(bulk.rowsRead(), bulk.nodesCreated(), bulk.relationshipsCreated(), bulk.relationshipsSkipped()));
    }

    @Test
    void aGraphThatHoldsAnythingIsNeverReplaced()
    {
        graph.execute(CypherRequest.write("CREATE (:Kept {name: 'before'})"));

        ProjectionRun run = projector.build(mapping(), TableAccess.UNRESTRICTED, Optional.empty(), loader(), importDirectory());

        assertThat(imports).hasValue(0);
        assertThat(run.nodesCreated()).isEqualTo(9);
        assertThat(graph.execute(CypherRequest.read("MATCH (n:Kept) RETURN n.name")).rows()).containsExactly(List.of("before"));
    }

    @Test
    void aMappingTheImporterCannotReproduceRunsWithTransactions()
    {
        // Two node sets feed one label: the second merges into the first, which the importer cannot do.
        ProjectionMapping mapping = new ProjectionMapping("bulk_twice",
                List.of(new NodeSet(NAMESPACE + ".things", "id", "Thing", "id", Map.of()), new NodeSet(NAMESPACE + ".links", "source", "Thing", "id", Map.of())),
                List.of());

        ProjectionRun run = projector.build(mapping, TableAccess.UNRESTRICTED, Optional.empty(), loader(), importDirectory());

        assertThat(imports).hasValue(0);
        assertThat(run.nodesCreated()).isEqualTo(6);
    }

    private static ProjectionMapping mapping()
    {
        Map<String, String> thingProperties = new java.util.LinkedHashMap<>();
        for (String column : List.of("name", "price", "ratio", "score", "whole", "flag", "day", "happened", "small")) {
            thingProperties.put(column, column);
        }
        return new ProjectionMapping("bulk",
                List.of(new NodeSet(NAMESPACE + ".things", "id", "Thing", "id", thingProperties),
                        new NodeSet(NAMESPACE + ".tags", "code", "Tag", "code", Map.of("title", "title"))),
                List.of(new RelationshipSet(NAMESPACE + ".links", "LINKS", RelationshipEndpoint.of("Thing", "source"), RelationshipEndpoint.of("Thing", "target"),
                                Map.of("weight", "weight", "note", "note"), List.of()),
                        new RelationshipSet(NAMESPACE + ".thing_tags", "TAGGED", RelationshipEndpoint.of("Thing", "thing"), RelationshipEndpoint.of("Tag", "tag"),
                                Map.of("position", "position"), List.of("position"))));
    }

    private GraphBulkLoader loader()
    {
        return files -> {
            String summary = neo4j.replaceGraph(new BulkImport(files.nodeFiles(), files.relationshipFiles(), files.integerIds(), files.multilineFields(), files.directory()));
            // Counted once it succeeded: a failed import would fall back to transactions unseen.
            imports.incrementAndGet();
            return summary;
        };
    }

    private Path importDirectory()
    {
        return engine.dataDirectory().resolve("graph-import");
    }

    /** Every node as its labels and typed properties, in one sorted text per node. */
    private static List<String> nodes()
    {
        return sorted("MATCH (n) RETURN labels(n) AS owner, [k IN keys(n) | k + '=' + valueType(n[k]) + ':' + toString(n[k])] AS properties");
    }

    private static List<String> relationships()
    {
        return sorted("MATCH (a)-[r]->(b) RETURN [type(r)] AS owner,"
                + " [k IN keys(r) | k + '=' + valueType(r[k]) + ':' + toString(r[k])] + [k IN keys(a) WHERE k IN ['id', 'code'] | 'from ' + k + '=' + toString(a[k])]"
                + " + [k IN keys(b) WHERE k IN ['id', 'code'] | 'to ' + k + '=' + toString(b[k])] AS properties");
    }

    @SuppressWarnings("unchecked")
    private static List<String> sorted(String cypher)
    {
        List<String> entries = new ArrayList<>();
        for (List<Object> row : graph.execute(new CypherRequest(cypher, Map.of(), java.util.OptionalInt.of(10_000), Optional.empty(), dev.neurolake.graph.GraphAccess.READ)).rows()) {
            List<String> properties = new ArrayList<>((List<String>) row.get(1));
            properties.sort(null);
            List<String> owner = new ArrayList<>(((List<Object>) row.getFirst()).stream().map(String::valueOf).toList());
            entries.add(owner + " " + properties);
        }
        entries.sort(null);
        return entries;
    }

    private static void wipeGraph()
    {
        graph.execute(CypherRequest.write("MATCH (n) DETACH DELETE n"));
        for (List<Object> row : graph.execute(CypherRequest.read("SHOW CONSTRAINTS YIELD name RETURN name")).rows()) {
            graph.execute(CypherRequest.write("DROP CONSTRAINT " + row.getFirst()));
        }
    }
}
