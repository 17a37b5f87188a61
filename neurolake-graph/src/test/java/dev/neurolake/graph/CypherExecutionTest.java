package dev.neurolake.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.graph.TestGraphs.Backend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cypher through the driver, against the embedded Neo4j and against a second one reached only by its Bolt URI. */
@ParameterizedClass
@EnumSource(Backend.class)
class CypherExecutionTest
{
    @Parameter
    Backend backend;

    private GraphStore graph;
    private String label;

    @BeforeEach
    void connect()
    {
        graph = TestGraphs.store(backend);
        // Each test its own label: the stores are shared by every test of this JVM.
        label = "T" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void returnsColumnsRowsAndTheGraphForDrawing()
    {
        graph.execute(CypherRequest.write("CREATE (:" + label + " {name: 'Ada', born: date('1815-12-10')})-[:KNOWS {since: 1833}]->(:" + label + " {name: 'Charles'})"));

        CypherResult result = graph.execute(CypherRequest.read("MATCH (a:" + label + ")-[k:KNOWS]->(b) RETURN a, k, b.name AS friend, a.born AS born"));

        assertThat(result.columns()).containsExactly("a", "k", "friend", "born");
        assertThat(result.rows()).hasSize(1);
        List<Object> row = result.rows().getFirst();
        assertThat(row.get(2)).isEqualTo("Charles");
        assertThat(row.get(3)).isEqualTo("1815-12-10");
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) row.get(0);
        assertThat(node).containsEntry("labels", List.of(label)).containsKey("elementId");
        assertThat(result.access()).isEqualTo(GraphAccess.READ);
        assertThat(result.queryType()).isEqualTo("READ_ONLY");
        assertThat(result.graph().nodes()).singleElement().satisfies(graphNode -> {
            assertThat(graphNode.labels()).containsExactly(label);
            assertThat(graphNode.properties()).containsEntry("name", "Ada");
        });
        assertThat(result.graph().relationships()).singleElement().satisfies(relationship -> {
            assertThat(relationship.type()).isEqualTo("KNOWS");
            assertThat(relationship.startNodeId()).isEqualTo(result.graph().nodes().getFirst().id());
            assertThat(relationship.properties()).containsEntry("since", 1833L);
        });
    }

    @Test
    void bindsParametersAndTruncatesAtMaxRows()
    {
        graph.execute(CypherRequest.write("UNWIND range(1, 25) AS i CREATE (:" + label + " {i: i})"));

        CypherResult result = graph.execute(new CypherRequest("MATCH (n:" + label + ") WHERE n.i > $above RETURN n.i AS i ORDER BY i",
                Map.of("above", 5), OptionalInt.of(10), Optional.empty(), GraphAccess.READ));

        assertThat(result.rows()).hasSize(10);
        assertThat(result.truncated()).isTrue();
        assertThat(result.rows().getFirst()).containsExactly(6L);
    }

    @Test
    void theDatabaseRefusesWritesOfReadOnlyCallersAndRunsThoseOfWriters()
    {
        // An analyst: read access. Neo4j itself refuses the write in a read transaction.
        assertThatThrownBy(() -> graph.execute(CypherRequest.read("CREATE (n:" + label + ") RETURN n")))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.GRAPH_WRITE_FORBIDDEN);
                    assertThat(error.details()).containsEntry("neo4jCode", "Neo.ClientError.Statement.AccessMode");
                });
        // Hidden inside a subquery or a procedure, it is still a write.
        assertThatThrownBy(() -> graph.execute(CypherRequest.read("CALL () { CREATE (:" + label + ") } RETURN 1")))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.GRAPH_WRITE_FORBIDDEN));
        assertThatThrownBy(() -> graph.execute(CypherRequest.read("CALL db.createLabel('" + label + "')")))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.GRAPH_WRITE_FORBIDDEN));
        assertThat(count()).isZero();

        // An engineer: write access.
        CypherResult created = graph.execute(CypherRequest.write("CREATE (n:" + label + ") RETURN n"));

        assertThat(created.counters().nodesCreated()).isEqualTo(1);
        assertThat(created.access()).isEqualTo(GraphAccess.WRITE);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void refusesLoadCsvAndFileOrAdministrationProceduresForEveryone()
    {
        for (GraphAccess access : GraphAccess.values()) {
            assertForbidden(new CypherRequest("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", Map.of(), OptionalInt.empty(), Optional.empty(), access), "LOAD CSV");
            assertForbidden(new CypherRequest("CALL { LOAD CSV FROM $url AS line RETURN line } RETURN count(*)", Map.of("url", "http://127.0.0.1:9/x.csv"), OptionalInt.empty(), Optional.empty(), access),
                    "LOAD CSV");
            assertForbidden(new CypherRequest("CALL dbms.listConfig()", Map.of(), OptionalInt.empty(), Optional.empty(), access), "dbms.listConfig");
        }
        // Harmless introspection passes.
        assertThat(graph.execute(CypherRequest.read("CALL dbms.components() YIELD name RETURN name")).rows()).isNotEmpty();
        assertThat(graph.execute(CypherRequest.read("CALL db.labels()")).columns()).containsExactly("label");
    }

    @Test
    void refusesStatementsAgainstTheSystemDatabase()
    {
        // Administration commands cannot even be planned: the plan check refuses them either way.
        for (String administration : List.of("USE system SHOW USERS", "USE system ALTER USER neo4j SET PASSWORD 'changed-by-a-user' CHANGE NOT REQUIRED", "SHOW DATABASES")) {
            assertThatThrownBy(() -> graph.execute(CypherRequest.write(administration)))
                    .as(administration)
                    .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code())
                            .as(error.getMessage())
                            .isIn(ErrorCode.CYPHER_FORBIDDEN, ErrorCode.CYPHER_ERROR, ErrorCode.CYPHER_SYNTAX_ERROR));
        }
        // NeuroLake's own login still works: the password was not changed.
        assertThat(graph.status().version()).isNotBlank();
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition()
    {
        assertThatThrownBy(() -> graph.execute(CypherRequest.read("MATCH (n RETURN n")))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.CYPHER_SYNTAX_ERROR);
                    assertThat(error.details()).containsEntry("line", 1).containsKey("column").containsKey("position");
                });
    }

    @Test
    void stopsStatementsAtTheirTimeout()
    {
        long start = System.nanoTime();

        assertThatThrownBy(() -> graph.execute(new CypherRequest("UNWIND range(1, 1000000000) AS i WITH i WHERE i < 0 RETURN count(*)", Map.of(), OptionalInt.empty(),
                Optional.of(Duration.ofSeconds(1)), GraphAccess.READ)))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.GRAPH_TIMEOUT);
                    assertThat(error.details()).containsEntry("timeoutSeconds", 1L);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void schemaListsLabelsTypesPropertiesIndexesAndConstraints()
    {
        String other = label + "_other";
        graph.write(new GraphWrite(List.of(CypherStatement.of("CREATE CONSTRAINT " + label + "_key IF NOT EXISTS FOR (n:" + label + ") REQUIRE n.key IS UNIQUE")), Duration.ofMinutes(1), true, false));
        graph.execute(CypherRequest.write("UNWIND range(1, 3) AS i CREATE (:" + label + " {key: i, name: 'n' + i})-[:" + label + "_LINK {weight: 0.5}]->(:" + other + ")"));

        GraphSchema schema = graph.schema();

        assertThat(schema.labels()).filteredOn(info -> info.label().equals(label)).singleElement().satisfies(info -> {
            assertThat(info.count()).isEqualTo(3);
            assertThat(info.properties()).containsExactly(new GraphSchema.Property("key", List.of("INTEGER")), new GraphSchema.Property("name", List.of("STRING")));
        });
        assertThat(schema.relationshipTypes()).filteredOn(info -> info.type().equals(label + "_LINK")).singleElement().satisfies(info -> {
            assertThat(info.count()).isEqualTo(3);
            assertThat(info.startLabels()).containsExactly(new GraphSchema.LabelCount(label, 3));
            assertThat(info.endLabels()).containsExactly(new GraphSchema.LabelCount(other, 3));
            assertThat(info.properties()).containsExactly(new GraphSchema.Property("weight", List.of("FLOAT")));
        });
        assertThat(schema.constraints()).filteredOn(constraint -> constraint.name().equals(label + "_key")).singleElement()
                .satisfies(constraint -> assertThat(constraint.labelsOrTypes()).containsExactly(label));
        assertThat(schema.indexes()).filteredOn(index -> (label + "_key").equals(index.owningConstraint())).singleElement()
                .satisfies(index -> assertThat(index.state()).isEqualTo("ONLINE"));
    }

    private void assertForbidden(CypherRequest request, String what)
    {
        assertThatThrownBy(() -> graph.execute(request))
                .as("%s in %s mode", what, request.access())
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.CYPHER_FORBIDDEN);
                    assertThat(error.details()).containsEntry("forbidden", what);
                });
    }

    private long count()
    {
        return (Long) graph.execute(CypherRequest.read("MATCH (n:" + label + ") RETURN count(n)")).rows().getFirst().getFirst();
    }
}
