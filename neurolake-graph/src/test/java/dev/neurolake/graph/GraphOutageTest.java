package dev.neurolake.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4j;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4jSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A remote Neo4j that stops mid-test: calls fail fast with GRAPH_UNAVAILABLE, and succeed again once it is back. */
class GraphOutageTest
{
    private static final String PASSWORD = "outage-test-password";

    @Test
    void failsFastWhileTheStoreIsDownAndRecoversByItselfWhenItIsBack()
            throws InterruptedException
    {
        Path home = TestGraphs.temporaryDirectory("neurolake-graph-outage");
        EmbeddedNeo4jSettings settings = EmbeddedNeo4jSettings.defaults(home).withPassword(PASSWORD).withPageCacheBytes(TestGraphs.PAGE_CACHE_BYTES);
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(settings);
        int port = neo4j.boltPort();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Neo4jGraphStore store = new Neo4jGraphStore(TestGraphs.quickSettings(URI.create("bolt://127.0.0.1:" + port), PASSWORD), meters)) {
            store.execute(CypherRequest.write("CREATE (:Kept {name: 'before the outage'})"));

            neo4j.close();

            for (int attempt = 0; attempt < 6; attempt++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.execute(CypherRequest.read("MATCH (n:Kept) RETURN n")))
                        .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.GRAPH_UNAVAILABLE));
                // Connection refused, retried twice with backoff: well under the connection timeout.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
            assertThat(store.circuitState()).isEqualTo("OPEN");
            // While open, the breaker answers without calling the store at all.
            long start = System.nanoTime();
            assertThatThrownBy(store::status)
                    .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                        assertThat(error.code()).isEqualTo(ErrorCode.GRAPH_UNAVAILABLE);
                        assertThat(error.details()).containsEntry("circuit", "OPEN");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(meters.get("neurolake.graph.cypher.errors").tag("code", "GRAPH_UNAVAILABLE").counter().count()).isGreaterThanOrEqualTo(6);

            neo4j = EmbeddedNeo4j.start(settings.withBoltPort(port));

            Optional<CypherResult> recovered = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (recovered.isEmpty() && System.nanoTime() < deadline) {
                try {
                    recovered = Optional.of(store.execute(CypherRequest.read("MATCH (n:Kept) RETURN n.name")));
                }
                catch (NeuroLakeException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.GRAPH_UNAVAILABLE);
                    Thread.sleep(200);
                }
            }
            assertThat(recovered).hasValueSatisfying(result -> assertThat(result.rows().getFirst().getFirst()).isEqualTo("before the outage"));
            assertThat(store.circuitState()).isEqualTo("CLOSED");
            assertThat(store.status().version()).isNotBlank();
        }
        finally {
            neo4j.close();
        }
    }
}
