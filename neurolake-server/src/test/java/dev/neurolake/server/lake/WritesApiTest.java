package dev.neurolake.server.lake;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.neurolake.server.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

class WritesApiTest
        extends ServerTest
{
    @Test
    void sqlSessionOfWritesIsReadableAsOfEachSnapshot()
    {
        write("CREATE TABLE writes.orders AS SELECT * FROM demo.orders WHERE o_orderkey <= 100", -1);
        long created = api.count("writes.orders");
        write("INSERT INTO writes.orders SELECT * FROM demo.orders WHERE o_orderkey > 100 AND o_orderkey <= 200", -1);
        long inserted = api.count("writes.orders");
        JsonNode update = write("UPDATE writes.orders SET o_comment = 'checked' WHERE o_orderkey <= 50", -1);
        assertThat(update.path("write").path("statement").asString()).isEqualTo("UPDATE");
        long checked = api.count("writes.orders WHERE o_comment = 'checked'");
        assertThat(checked).isEqualTo(update.path("write").path("rowsAffected").asLong());
        write("DELETE FROM writes.orders WHERE o_orderkey > 150", -1);
        long remaining = api.count("writes.orders");

        List<Long> snapshots = new ArrayList<>();
        api.get("/api/v1/data/tables/writes.orders/snapshots").json().forEach(snapshot -> snapshots.add(snapshot.path("snapshotId").asLong()));
        assertThat(snapshots).hasSize(4);
        List<Long> counts = new ArrayList<>();
        List<Long> checkedCounts = new ArrayList<>();
        for (long snapshot : snapshots) {
            counts.add(countAsOf("SELECT count(*) FROM writes.orders", snapshot));
            checkedCounts.add(countAsOf("SELECT count(*) FROM writes.orders o WHERE o.o_comment = 'checked'", snapshot));
        }
        assertThat(counts).containsExactly(created, inserted, inserted, remaining);
        assertThat(checkedCounts).containsExactly(0L, 0L, checked, checked);
    }

    @Test
    void exportDownloadsTheWholeResultInEachFormat()
    {
        long orders = api.count("demo.orders");
        ApiClient.Response csv = api.postJson("/api/v1/queries/export?format=csv", Map.of("sql", "SELECT o_orderkey FROM demo.orders ORDER BY 1"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).contains("export.csv"));
        assertThat(csv.body().lines().count()).isEqualTo(orders + 1);
        ApiClient.Response json = api.postJson("/api/v1/queries/export?format=json", Map.of("sql", "SELECT o_orderkey FROM demo.orders"));
        assertThat(json.json().size()).isEqualTo((int) orders);
        ApiClient.Response parquet = api.postJson("/api/v1/queries/export?format=parquet", Map.of("sql", "SELECT * FROM demo.nation"));
        assertThat(parquet.status()).isEqualTo(200);
        assertThat(parquet.headers().firstValue("X-Row-Count")).contains("25");
        assertThat(api.postJson("/api/v1/queries/export?format=xlsx", Map.of("sql", "SELECT 1")).code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.postJson("/api/v1/queries/export?format=csv", Map.of("sql", "SELECT * FROM read_csv('/etc/passwd')")).code()).isEqualTo("SQL_FORBIDDEN_FUNCTION");
    }

    @Test
    void bulkInsertChecksEveryValueAndWritesNothingOnError()
    {
        api.upload("bulk.items", "create", "items.csv", "id,name,price\n1,a,1.5\n".getBytes(StandardCharsets.UTF_8));

        ApiClient.Response good = api.postJson("/api/v1/data/bulk/insert", body("table", "bulk.items", "rows", List.of(
                Map.of("id", 2, "name", "b", "price", 2.5), Map.of("id", 3, "name", "c"))));
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().path("rowsAffected").asLong()).isEqualTo(2);

        ApiClient.Response bad = api.postJson("/api/v1/data/bulk/insert", body("table", "bulk.items", "rows", List.of(
                Map.of("id", 4, "name", "d", "price", 4.0), Map.of("id", 5, "name", "e", "price", "free"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("UPLOAD_INVALID_VALUE");
        assertThat(bad.json().path("rowIndex").asLong()).isEqualTo(1);
        assertThat(bad.json().path("column").asString()).isEqualTo("price");
        assertThat(api.count("bulk.items")).isEqualTo(3);

        assertThat(api.postJson("/api/v1/data/bulk/insert", body("table", "bulk.items", "rows", List.of(Map.of("nope", 1)))).code()).isEqualTo("UPLOAD_SCHEMA_MISMATCH");
    }

    @Test
    void bulkUpdateAndDeleteUseStructuredFilters()
    {
        api.upload("bulk.stock", "create", "stock.csv", "id,name,qty\n1,a,10\n2,b,20\n3,c,30\n4,d,40\n".getBytes(StandardCharsets.UTF_8));

        JsonNode updated = api.postJson("/api/v1/data/bulk/update", body("table", "bulk.stock", "set", Map.of("qty", 0),
                "where", Map.of("or", List.of(Map.of("column", "id", "op", "eq", "value", 1), Map.of("column", "name", "op", "in", "value", List.of("c", "x")))))).json();
        assertThat(updated.path("rowsAffected").asLong()).isEqualTo(2);
        assertThat(api.count("bulk.stock WHERE qty = 0")).isEqualTo(2);

        ApiClient.Response injection = api.postJson("/api/v1/data/bulk/delete", body("table", "bulk.stock", "where", Map.of("column", "name", "op", "eq", "value", "x' OR '1'='1")));
        assertThat(injection.json().path("rowsAffected").asLong()).isZero();
        assertThat(api.count("bulk.stock")).isEqualTo(4);

        assertThat(api.postJson("/api/v1/data/bulk/update", body("table", "bulk.stock", "set", Map.of("qty", "lots"))).code()).isEqualTo("UPLOAD_INVALID_VALUE");
        assertThat(api.postJson("/api/v1/data/bulk/delete", body("table", "bulk.stock", "where", Map.of("column", "missing", "op", "eq", "value", 1))).code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.postJson("/api/v1/data/bulk/delete", body("table", "bulk.stock", "where", Map.of("column", "qty", "op", "drop", "value", 1))).code()).isEqualTo("INVALID_REQUEST");

        JsonNode deleted = api.postJson("/api/v1/data/bulk/delete", body("table", "bulk.stock", "where", Map.of("column", "qty", "op", "ge", "value", 20))).json();
        assertThat(deleted.path("rowsAffected").asLong()).isEqualTo(2);
        assertThat(api.count("bulk.stock")).isEqualTo(2);
    }

    @Test
    void rollbackAndMaintenance()
    {
        api.upload("life.t", "create", "a.csv", "k\n1\n".getBytes(StandardCharsets.UTF_8));
        long first = api.get("/api/v1/data/tables/life.t/snapshots").json().path(0).path("snapshotId").asLong();
        api.upload("life.t", "append", "b.csv", "k\n2\n".getBytes(StandardCharsets.UTF_8));
        api.upload("life.t", "append", "c.csv", "k\n3\n".getBytes(StandardCharsets.UTF_8));

        JsonNode compacted = api.postJson("/api/v1/data/tables/life.t/maintenance", Map.of("compact", true)).json();
        assertThat(compacted.path("filesCompacted").asInt()).isEqualTo(3);
        assertThat(api.count("life.t")).isEqualTo(3);

        assertThat(api.postJson("/api/v1/data/tables/life.t/rollback", Map.of("snapshotId", first)).status()).isEqualTo(200);
        assertThat(api.count("life.t")).isEqualTo(1);
        assertThat(api.postJson("/api/v1/data/tables/life.t/rollback", Map.of("snapshotId", 42)).code()).isEqualTo("SNAPSHOT_NOT_FOUND");
    }

    @Test
    void uploadCanEvolveTheSchemaOnAppend()
    {
        api.upload("evolve.t", "create", "a.csv", "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8));
        assertThat(api.upload("evolve.t", "append", "b.csv", "id,name,extra\n2,b,x\n".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo("UPLOAD_SCHEMA_MISMATCH");

        ApiClient.Response evolved = api.upload("b.csv", "id,name,extra\n2,b,x\n".getBytes(StandardCharsets.UTF_8), Map.of("table", "evolve.t", "mode", "append", "evolveSchema", "true"));

        assertThat(evolved.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/data/tables/evolve.t/schema").json().path("columns").size()).isEqualTo(3);
        assertThat(api.count("evolve.t WHERE extra IS NULL")).isEqualTo(1);
    }

    private JsonNode write(String sql, long expectedRows)
    {
        ApiClient.Response response = api.query(sql);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("write").path("snapshotId").isNumber()).isTrue();
        if (expectedRows >= 0) {
            assertThat(body.path("write").path("rowsAffected").asLong()).isEqualTo(expectedRows);
        }
        return body;
    }

    private long countAsOf(String sql, long snapshot)
    {
        ApiClient.Response response = api.postJson("/api/v1/queries", Map.of("sql", sql, "asOfSnapshot", snapshot));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("rows").path(0).path(0).asLong();
    }
}
