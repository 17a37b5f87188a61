package dev.neurolake.server.graph;

import dev.neurolake.neo4j.embedded.EmbeddedNeo4j;
import dev.neurolake.neo4j.embedded.EmbeddedNeo4jSettings;
import dev.neurolake.server.ApiClient;
import dev.neurolake.server.NeuroLakeApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose graph store is a Neo4j reached only by {@code neurolake.graph.uri}: stopped
 * mid-test, graph calls answer 503 GRAPH_UNAVAILABLE at once and readiness reports it; once it
 * is back on the same address, they succeed again without anyone doing anything.
 */
class RemoteGraphOutageTest
{
    private static final String NEO4J_PASSWORD = "remote-neo4j-password";
    private static final String ADMIN_PASSWORD = "outage-admin-password";

    @TempDir
    Path dataDirectory;

    @TempDir
    Path neo4jHome;

    @Test
    void graphCallsFailFastWith503WhileTheRemoteStoreIsDownAndRecoverAfterItRestarts()
            throws InterruptedException
    {
        EmbeddedNeo4jSettings settings = EmbeddedNeo4jSettings.defaults(neo4jHome).withPassword(NEO4J_PASSWORD).withPageCacheBytes(64L * 1024 * 1024);
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(settings);
        int port = neo4j.boltPort();
        // Arguments, not default properties: application.yml outranks the latter.
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(NeuroLakeApplication.class).run(
                "--server.port=0", "--neurolake.data-directory=" + dataDirectory, "--neurolake.demo.enabled=false",
                "--neurolake.graph.uri=bolt://127.0.0.1:" + port, "--neurolake.graph.username=neo4j", "--neurolake.graph.password=" + NEO4J_PASSWORD,
                "--neurolake.graph.circuit-open-duration=1s", "--neurolake.ratelimit.per-minute.admin=1000000", "--NEUROLAKE_ADMIN_PASSWORD=" + ADMIN_PASSWORD)) {
            int serverPort = Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
            ApiClient api = ApiClient.withApiKey(serverPort, ApiClient.signedIn(serverPort, "admin", ADMIN_PASSWORD).createApiKey("outage", java.util.List.of()));
            assertThat(cypher(api, "CREATE (:Remote {name: 'kept'})").status()).isEqualTo(200);
            ApiClient.Response ready = api.get("/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("components").path("graph").path("status").asString()).isEqualTo("UP");

            neo4j.close();

            for (int attempt = 0; attempt < 5; attempt++) {
                long start = System.nanoTime();
                ApiClient.Response down = cypher(api, "MATCH (n:Remote) RETURN n.name");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.contentType()).startsWith("application/problem+json");
                assertThat(down.code()).isEqualTo("GRAPH_UNAVAILABLE");
                assertThat(down.body()).doesNotContain("rows");
            }
            ApiClient.Response notReady = api.get("/ready");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.json().path("components").path("graph").path("status").asString()).isEqualTo("DOWN");
            // The lake itself keeps answering.
            assertThat(api.query("SELECT 42").status()).isEqualTo(200);

            neo4j = EmbeddedNeo4j.start(settings.withBoltPort(port));

            ApiClient.Response recovered = cypher(api, "MATCH (n:Remote) RETURN n.name");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (recovered.status() != 200 && System.nanoTime() < deadline) {
                assertThat(recovered.code()).isEqualTo("GRAPH_UNAVAILABLE");
                Thread.sleep(250);
                recovered = cypher(api, "MATCH (n:Remote) RETURN n.name");
            }
            assertThat(recovered.status()).isEqualTo(200);
            assertThat(recovered.json().path("rows").path(0).path(0).asString()).isEqualTo("kept");
            assertThat(api.get("/ready").status()).isEqualTo(200);
        }
        finally {
            neo4j.close();
        }
    }

    private static ApiClient.Response cypher(ApiClient api, String query)
    {
        return api.postJson("/api/v1/graph/cypher", Map.of("query", query));
    }
}
