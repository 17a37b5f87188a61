package dev.neurolake.graph.script;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.graph.CypherRequest;
import dev.neurolake.graph.GraphStore;
import dev.neurolake.graph.TestGraphs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Script imports into the graph reached only by its Bolt URI. */
class ScriptImporterTest
{
    private GraphStore graph;
    private ScriptImporter importer;
    private String label;

    @BeforeEach
    void connect()
    {
        graph = TestGraphs.store(TestGraphs.Backend.REMOTE);
        importer = new ScriptImporter(graph, 2, Duration.ofMinutes(1), new SimpleMeterRegistry());
        label = "I" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void importsTheMoviesExampleInBatchesOfTransactions()
            throws IOException
    {
        ImportResult result = importer.run(resource("/scripts/movies-excerpt.cypher"));

        assertThat(result.statements()).isEqualTo(4);
        // The CREATE; the constraint alone; the last two statements together.
        assertThat(result.transactions()).isEqualTo(3);
        assertThat(result.counters().nodesCreated()).isEqualTo(10);
        assertThat(result.counters().relationshipsCreated()).isEqualTo(15);
        assertThat(result.counters().constraintsAdded()).isEqualTo(1);
        assertThat(graph.execute(CypherRequest.read("MATCH (:Person {name: 'Keanu Reeves'})-[:ACTED_IN]->(m:Movie) RETURN count(m)")).rows().getFirst().getFirst()).isEqualTo(3L);
    }

    @Test
    void aFailingStatementIsNamedWithItsLineAndWhatWasCommittedBeforeIt()
    {
        String script = "CREATE CONSTRAINT " + label + "_key IF NOT EXISTS FOR (n:" + label + ") REQUIRE n.key IS UNIQUE;\n"
                + "CREATE (:" + label + " {key: 1});\n"
                + "CREATE (:" + label + " {key: 2});\n"
                + "CREATE (:" + label + " {key: 3});\n"
                + "\n"
                + "CREATE (:" + label + " {key: 1});\n";

        assertThatThrownBy(() -> importer.run(script))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.IMPORT_FAILED);
                    assertThat(error.getMessage()).startsWith("Statement 5 (line 6) failed:").contains("Statements 1 to 3 were committed");
                    assertThat(error.details()).containsEntry("statement", 5).containsEntry("line", 6).containsEntry("committedStatements", 3)
                            .containsEntry("text", "CREATE (:" + label + " {key: 1})");
                });
        // The batch holding the failing statement was rolled back whole.
        assertThat(graph.execute(CypherRequest.read("MATCH (n:" + label + ") RETURN count(n)")).rows().getFirst().getFirst()).isEqualTo(2L);
    }

    @Test
    void aSyntaxErrorAnywhereStopsTheImportBeforeAnythingIsWritten()
    {
        String script = "CREATE (:" + label + ");\nCREATE (:" + label + ";\n";

        assertThatThrownBy(() -> importer.run(script))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.IMPORT_FAILED);
                    assertThat(error.details()).containsEntry("statement", 2).containsEntry("line", 2).containsEntry("committedStatements", 0)
                            .containsEntry("cause", "CYPHER_SYNTAX_ERROR");
                    assertThat(error.getMessage()).contains("Nothing was written");
                });
        assertThat(graph.execute(CypherRequest.read("MATCH (n:" + label + ") RETURN count(n)")).rows().getFirst().getFirst()).isEqualTo(0L);
    }

    @Test
    void refusesLoadCsvInScripts()
    {
        assertThatThrownBy(() -> importer.run("CREATE (:" + label + ");\nLOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:" + label + " {line: line});"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.IMPORT_FAILED);
                    assertThat(error.details()).containsEntry("statement", 2).containsEntry("cause", "CYPHER_FORBIDDEN").containsEntry("forbidden", "LOAD CSV");
                });
    }

    private static String resource(String path)
            throws IOException
    {
        try (InputStream input = ScriptImporterTest.class.getResourceAsStream(path)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
