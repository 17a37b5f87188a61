package dev.neurolake.graph.projection;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.graph.CypherRequest;
import dev.neurolake.graph.GraphStore;
import dev.neurolake.graph.TestGraphs;
import dev.neurolake.graph.TestGraphs.Backend;
import dev.neurolake.graph.TestLake;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.neurolake.graph.TestLake.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lake tables into the graph, against the embedded Neo4j and against a second one reached only by its Bolt URI. */
@ParameterizedClass
@EnumSource(Backend.class)
class GraphProjectorTest
{
    @Parameter
    Backend backend;

    private NeuroLakeEngine engine;
    private GraphStore graph;
    private GraphProjector projector;
    private String suffix;

    @BeforeEach
    void start()
    {
        engine = TestLake.engine();
        graph = TestGraphs.store(backend);
        projector = new GraphProjector(graph, engine.catalog(), engine.queries(), new ProjectionStore(engine.metadata()),
                new ProjectionSettings(500, Duration.ofMinutes(1), 2), new SimpleMeterRegistry());
        suffix = backend.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void projectsTheTpchTablesSoGraphCountsEqualTableCounts()
    {
        ProjectionRun run = projector.run(demo(), TableAccess.UNRESTRICTED, Optional.of("tester"));

        assertThat(cypherCount("MATCH (c:Customer)-[:PLACED]->(o:Order) RETURN count(o)")).isEqualTo(count("demo.orders"));
        assertThat(cypherCount("MATCH (:Order)-[r:CONTAINS]->(:Part) RETURN count(r)")).isEqualTo(count("demo.lineitem"));
        // One SUPPLIES per supplier and part: at this tiny scale TPC-H repeats some pairs.
        long supplies = count("(SELECT DISTINCT ps_suppkey, ps_partkey FROM demo.partsupp)");
        assertThat(cypherCount("MATCH (:Supplier)-[r:SUPPLIES]->(:Part) RETURN count(r)")).isEqualTo(supplies);
        assertThat(cypherCount("MATCH (:Customer)-[r:IN_NATION]->(:Nation) RETURN count(r)")).isEqualTo(count("demo.customer"));
        assertThat(cypherCount("MATCH (:Nation)-[r:IN_REGION]->(:Region) RETURN count(r)")).isEqualTo(25);
        assertThat(cypherCount("MATCH (n:Customer) RETURN count(n)")).isEqualTo(count("demo.customer"));
        long nodes = count("demo.region") + count("demo.nation") + count("demo.customer") + count("demo.supplier") + count("demo.part") + count("demo.orders");
        long relationships = count("demo.orders") + count("demo.lineitem") + supplies + count("demo.customer") + count("demo.supplier") + count("demo.nation");
        assertThat(run.nodesCreated()).isEqualTo(nodes);
        assertThat(run.relationshipsCreated()).isEqualTo(relationships);
        assertThat(run.relationshipsSkipped()).isZero();
        assertThat(run.sets()).hasSize(12);
        // Values keep their meaning: money as numbers, dates as dates.
        Map<?, ?> order = (Map<?, ?>) graph.execute(CypherRequest.read("MATCH (o:Order) RETURN o {.totalPrice, .orderDate, type: valueType(o.orderDate)} AS o LIMIT 1")).rows().getFirst().getFirst();
        assertThat(order.get("totalPrice")).isInstanceOf(Double.class);
        assertThat(order.get("type")).isEqualTo("DATE NOT NULL");
        assertThat(graph.schema().constraints()).extracting(constraint -> constraint.name()).contains("neurolake_Customer_customerKey", "neurolake_Order_orderKey");
    }

    @Test
    void runningAgainUpdatesInsteadOfDuplicatingAndPicksUpNewRows()
    {
        TableName people = new TableName("graph_test_" + suffix, "people");
        TableName follows = new TableName("graph_test_" + suffix, "follows");
        engine.writer().write(people, WriteMode.REPLACE, new QuerySource("SELECT * FROM (VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')) AS t(id, name)", "people"));
        engine.writer().write(follows, WriteMode.REPLACE, new QuerySource("SELECT * FROM (VALUES (1, 2, 2020), (2, 3, 2021), (3, 99, 2022), (NULL, 1, 2023)) AS t(follower, followed, since)", "follows"));
        String label = "Person_" + suffix;
        ProjectionMapping mapping = new ProjectionMapping("people_" + suffix,
                List.of(new NodeSet(people.toString(), "id", label, "id", Map.of("name", "name"))),
                List.of(new RelationshipSet(follows.toString(), "FOLLOWS", RelationshipEndpoint.of(label, "follower"), RelationshipEndpoint.of(label, "followed"), Map.of("since", "since"), List.of())));

        ProjectionRun first = projector.run(mapping, TableAccess.UNRESTRICTED, Optional.empty());

        assertThat(first.nodesCreated()).isEqualTo(3);
        assertThat(first.relationshipsCreated()).isEqualTo(2);
        // Follower 3 follows nobody that exists; the NULL follower is not read at all.
        assertThat(first.relationshipsSkipped()).isEqualTo(1);
        assertThat(first.rowsRead()).isEqualTo(6);

        ProjectionRun second = projector.run(mapping, TableAccess.UNRESTRICTED, Optional.empty());

        assertThat(second.nodesCreated()).isZero();
        assertThat(second.nodesUpdated()).isEqualTo(3);
        assertThat(second.relationshipsCreated()).isZero();
        assertThat(second.relationshipsUpdated()).isEqualTo(2);
        assertThat(cypherCount("MATCH (n:" + label + ") RETURN count(n)")).isEqualTo(3);

        engine.writer().write(people, WriteMode.REPLACE, new QuerySource("SELECT * FROM (VALUES (1, 'Ada Lovelace'), (2, 'Grace'), (3, 'Edsger'), (99, 'Barbara')) AS t(id, name)", "people"));
        ProjectionRun third = projector.rerun(mapping.name(), TableAccess.UNRESTRICTED, Optional.empty());

        assertThat(third.nodesCreated()).isEqualTo(1);
        assertThat(third.relationshipsCreated()).isEqualTo(1);
        assertThat(third.relationshipsSkipped()).isZero();
        assertThat(graph.execute(CypherRequest.read("MATCH (n:" + label + " {id: 1}) RETURN n.name")).rows().getFirst().getFirst()).isEqualTo("Ada Lovelace");
        assertThat(projector.find(mapping.name())).hasValueSatisfying(info -> {
            assertThat(info.lastRun()).hasValueSatisfying(lastRun -> {
                assertThat(lastRun.status()).isEqualTo("SUCCEEDED");
                assertThat(lastRun.result()).contains(third);
                assertThat(lastRun.finishedAt()).isPresent();
            });
            assertThat(info.mapping()).isEqualTo(mapping);
        });
    }

    @Test
    void refusesInvalidMappingsBeforeWritingAnything()
    {
        String label = "Invalid_" + suffix;
        assertInvalid(new ProjectionMapping("bad_" + suffix, List.of(new NodeSet("demo.customer", "c_nope", label, "key", Map.of())), List.of()),
                ErrorCode.PROJECTION_INVALID, "no column 'c_nope'");
        assertInvalid(new ProjectionMapping("bad_" + suffix, List.of(new NodeSet("demo.customer", "c_custkey", "Bad Label", "key", Map.of())), List.of()),
                ErrorCode.PROJECTION_INVALID, "Invalid label");
        assertInvalid(new ProjectionMapping("bad_" + suffix, List.of(new NodeSet("demo.customer", "c_custkey", label, "key", Map.of("c_name", "name}) DETACH DELETE n //"))), List.of()),
                ErrorCode.PROJECTION_INVALID, "Invalid property name");
        assertInvalid(new ProjectionMapping("bad_" + suffix, List.of(),
                        List.of(new RelationshipSet("demo.orders", "PLACED", RelationshipEndpoint.of("Nowhere", "o_custkey"), RelationshipEndpoint.of("Order", "o_orderkey"), Map.of(), List.of()))),
                ErrorCode.PROJECTION_INVALID, "not a node set");
        assertInvalid(new ProjectionMapping("bad_" + suffix, List.of(new NodeSet("demo.missing", "id", label, "key", Map.of())), List.of()),
                ErrorCode.TABLE_NOT_FOUND, "demo.missing");

        assertThat(cypherCount("MATCH (n:" + label + ") RETURN count(n)")).isZero();
        assertThat(graph.schema().constraints()).noneMatch(constraint -> constraint.name().contains(label));
        assertThat(projector.find("bad_" + suffix)).isEmpty();
    }

    @Test
    void copiesOnlyTablesTheCallerMayRead()
    {
        ProjectionMapping mapping = new ProjectionMapping("secret_" + suffix, List.of(new NodeSet("demo.customer", "c_custkey", "Secret_" + suffix, "key", Map.of())), List.of());

        assertThatThrownBy(() -> projector.run(mapping, TableAccess.restrictedTo(List.of()), Optional.of("analyst")))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_ACCESS_DENIED));
        assertThat(cypherCount("MATCH (n:Secret_" + suffix + ") RETURN count(n)")).isZero();
    }

    @Test
    void aFailedRunIsRecordedWithItsError()
    {
        String label = "Clash_" + suffix;
        // Two nodes with the same key already exist: the uniqueness constraint cannot be created.
        graph.execute(CypherRequest.write("CREATE (:" + label + " {key: 1}), (:" + label + " {key: 1})"));
        ProjectionMapping mapping = new ProjectionMapping("clash_" + suffix, List.of(new NodeSet("demo.region", "r_regionkey", label, "key", Map.of())), List.of());

        assertThatThrownBy(() -> projector.run(mapping, TableAccess.UNRESTRICTED, Optional.empty()))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.CYPHER_ERROR));

        assertThat(projector.list()).filteredOn(info -> info.mapping().name().equals("clash_" + suffix)).singleElement()
                .satisfies(info -> assertThat(info.lastRun()).hasValueSatisfying(lastRun -> {
                    assertThat(lastRun.status()).isEqualTo("FAILED");
                    assertThat(lastRun.errorCode()).contains("CYPHER_ERROR");
                    assertThat(lastRun.errorMessage()).hasValueSatisfying(message -> assertThat(message).isNotBlank());
                }));
    }

    private void assertInvalid(ProjectionMapping mapping, ErrorCode code, String messagePart)
    {
        assertThatThrownBy(() -> projector.run(mapping, TableAccess.UNRESTRICTED, Optional.empty()))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(code);
                    assertThat(error.getMessage()).contains(messagePart);
                });
    }

    private ProjectionMapping demo()
    {
        ProjectionMapping demo = TpchGraph.mapping(TestLake.NAMESPACE);
        return new ProjectionMapping(demo.name() + "_" + suffix, demo.nodes(), demo.relationships());
    }

    private long cypherCount(String query)
    {
        return (Long) graph.execute(CypherRequest.read(query)).rows().getFirst().getFirst();
    }
}
