package dev.neurolake.server.ops;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.NeuroLakeApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A server stopped and started again on the same data directory keeps every table and its data. */
class RestartTest
{
    @TempDir
    Path dataDirectory;

    @Test
    void tablesSnapshotsAndDemoDataSurviveRestart()
    {
        JsonNode snapshotsBefore;
        long lineitems;
        try (ConfigurableApplicationContext server = start()) {
            ApiClient api = client(server);
            assertThat(api.get("/ready").status()).isEqualTo(200);
            lineitems = api.count("demo.lineitem");
            assertThat(lineitems).isPositive();
            assertThat(api.upload("kept.t", "create", "a.csv", "k,v\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
            assertThat(api.upload("kept.t", "append", "b.csv", "k,v\n3,c\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
            api.delete("/api/v1/data/tables/demo.region");
            snapshotsBefore = api.get("/api/v1/data/tables/kept.t/snapshots").json();
        }

        try (ConfigurableApplicationContext server = start()) {
            ApiClient api = client(server);
            assertThat(api.count("kept.t")).isEqualTo(3);
            assertThat(api.get("/api/v1/data/tables/kept.t/snapshots").json()).isEqualTo(snapshotsBefore);
            assertThat(api.count("demo.lineitem")).isEqualTo(lineitems);
            // The demo dataset is created once: a table the user dropped stays dropped.
            assertThat(api.get("/api/v1/data/tables/demo.region/schema").code()).isEqualTo("TABLE_NOT_FOUND");
            assertThat(api.get("/api/v1/queries/history?limit=100").json().path("items").size()).isGreaterThanOrEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start()
    {
        // Arguments, not default properties: application.yml outranks the latter.
        return new SpringApplicationBuilder(NeuroLakeApplication.class)
                .run("--server.port=0", "--neurolake.data-directory=" + dataDirectory, "--neurolake.demo.scale-factor=0.001", "--NEUROLAKE_ADMIN_PASSWORD=restart-admin-password");
    }

    private static ApiClient client(ConfigurableApplicationContext server)
    {
        int port = Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
        return ApiClient.withApiKey(port, ApiClient.signedIn(port, "admin", "restart-admin-password").createApiKey("restart", java.util.List.of()));
    }
}
