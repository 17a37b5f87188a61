package dev.neurolake.server.lake;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TablesApiTest
        extends ServerTest
{
    @Test
    void demoDatasetIsListedWithSchemasAndCounts()
    {
        List<String> schemas = new ArrayList<>();
        api.get("/api/v1/data/schemas").json().forEach(schema -> schemas.add(schema.path("name").asString()));
        assertThat(schemas).contains("demo");

        List<String> tables = new ArrayList<>();
        api.get("/api/v1/data/tables?namespace=demo").json().forEach(table -> tables.add(table.path("name").asString()));
        assertThat(tables).containsExactlyInAnyOrder("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");

        JsonNode nation = api.get("/api/v1/data/tables/demo.nation/schema").json();
        assertThat(nation.path("table").path("rowCount").asLong()).isEqualTo(25);
        assertThat(nation.path("columns").path(0).path("name").asString()).isEqualTo("n_nationkey");
        assertThat(nation.path("columns").path(0).path("type").asString()).isEqualTo("BIGINT");
    }

    @Test
    void previewReturnsTypedRows()
    {
        JsonNode preview = api.get("/api/v1/data/tables/demo.orders/preview?limit=3").json();

        assertThat(preview.path("rows").size()).isEqualTo(3);
        assertThat(preview.path("columns").path(0).path("name").asString()).isEqualTo("o_orderkey");
        assertThat(api.get("/api/v1/data/tables/demo.orders/preview?limit=0").code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void snapshotsListEveryCommit()
    {
        api.upload("tables_api.log", "create", "a.csv", UploadApiTest.bytes("k\n1\n"));
        api.upload("tables_api.log", "append", "b.csv", UploadApiTest.bytes("k\n2\n"));

        JsonNode snapshots = api.get("/api/v1/data/tables/tables_api.log/snapshots").json();

        assertThat(snapshots.size()).isEqualTo(2);
        assertThat(snapshots.path(1).path("parentId").asLong()).isEqualTo(snapshots.path(0).path("snapshotId").asLong());
        assertThat(snapshots.path(1).path("operation").asString()).isEqualTo("append");
    }

    @Test
    void dropDeletesTheTable()
    {
        api.upload("tables_api.doomed", "create", "a.csv", UploadApiTest.bytes("k\n1\n"));
        assertThat(api.count("tables_api.doomed")).isEqualTo(1);

        assertThat(api.delete("/api/v1/data/tables/tables_api.doomed").status()).isEqualTo(204);

        ApiClient.Response missing = api.get("/api/v1/data/tables/tables_api.doomed/schema");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(api.query("SELECT * FROM tables_api.doomed").code()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(api.delete("/api/v1/data/tables/tables_api.doomed").status()).isEqualTo(404);
    }

    @Test
    void unknownNamespaceIsNotFound()
    {
        ApiClient.Response response = api.get("/api/v1/data/tables?namespace=nowhere");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NAMESPACE_NOT_FOUND");
    }
}
