package dev.neurolake.server.sql;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.neurolake.server.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

class QueryApiTest
        extends ServerTest
{
    private static final String ENDLESS = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b, demo.region";

    @Test
    void answersWithTypedColumnsRowsAndQueryId()
    {
        ApiClient.Response response = api.query("SELECT o_orderstatus, count(*) AS orders, sum(o_totalprice) AS total FROM demo.orders GROUP BY 1 ORDER BY 1");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("queryId").asString()).isNotBlank();
        assertThat(body.path("columns").path(1).path("name").asString()).isEqualTo("orders");
        assertThat(body.path("columns").path(1).path("type").asString()).isEqualTo("BIGINT");
        assertThat(body.path("columns").path(2).path("type").asString()).startsWith("DECIMAL");
        assertThat(body.path("truncated").asBoolean()).isFalse();
        assertThat(body.path("elapsedMillis").isNumber()).isTrue();
        long total = 0;
        for (JsonNode row : body.path("rows")) {
            total += row.path(1).asLong();
        }
        assertThat(total).isEqualTo(api.count("demo.orders"));
    }

    @Test
    void pagesLargeResultsWithCursor()
    {
        long expected = api.count("demo.lineitem");
        JsonNode page = api.postJson("/api/v1/queries", body("sql", "SELECT l_orderkey, l_linenumber FROM demo.lineitem", "maxRows", 1000)).json();
        long seen = page.path("rows").size();
        int pages = 1;
        while (page.path("truncated").asBoolean()) {
            assertThat(page.path("rows").size()).isEqualTo(1000);
            page = api.get(page.path("nextUri").asString()).json();
            seen += page.path("rows").size();
            pages++;
        }

        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo((int) ((expected + 999) / 1000));
        ApiClient.Response expired = api.get("/api/v1/queries/" + page.path("queryId").asString() + "/results?cursor=" + (pages + 1));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.code()).isEqualTo("CURSOR_EXPIRED");
    }

    @Test
    void bindsParameters()
    {
        JsonNode rows = api.postJson("/api/v1/queries", body("sql", "SELECT n_name FROM demo.nation WHERE n_nationkey = ? OR n_name = ? ORDER BY 1", "parameters", List.of(0, "PERU"))).json().path("rows");

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.path(0).path(0).asString()).isEqualTo("ALGERIA");
        assertThat(rows.path(1).path(0).asString()).isEqualTo("PERU");
    }

    @Test
    void explainReturnsThePlan()
    {
        ApiClient.Response response = api.postJson("/api/v1/queries/explain", Map.of("sql", "SELECT count(*) FROM demo.orders JOIN demo.customer ON o_custkey = c_custkey"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("plan").asString()).contains("Hash Join").contains("READ_PARQUET");
        assertThat(api.postJson("/api/v1/queries/explain", Map.of("sql", "DELETE FROM demo.orders")).code()).isEqualTo("SQL_NOT_READ_ONLY");
    }

    @Test
    void sqlErrorsCarryDuckDbMessageAndPosition()
    {
        ApiClient.Response binder = api.query("SELECT o_orderkey,\n       o_nope FROM demo.orders");
        assertThat(binder.status()).isEqualTo(400);
        assertThat(binder.code()).isEqualTo("SQL_ERROR");
        assertThat(binder.json().path("detail").asString()).contains("o_nope");
        assertThat(binder.json().path("line").asInt()).isEqualTo(2);
        assertThat(binder.json().path("column").asInt()).isEqualTo(8);

        ApiClient.Response syntax = api.query("SELECT FROM WHERE");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.code()).isEqualTo("SQL_SYNTAX_ERROR");
        assertThat(syntax.json().path("position").isNumber()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM read_csv('/etc/passwd')|SQL_FORBIDDEN_FUNCTION",
            "SELECT * FROM read_parquet('warehouse/demo/*/data/*/*.parquet')|SQL_FORBIDDEN_FUNCTION",
            "WITH x AS (SELECT * FROM glob('/*')) SELECT * FROM x|SQL_FORBIDDEN_FUNCTION",
            "SELECT * FROM '/etc/passwd'|SQL_FORBIDDEN_REFERENCE",
            "SELECT * FROM system.main.duckdb_settings|SQL_FORBIDDEN_REFERENCE",
            "COPY demo.orders TO '/tmp/orders.csv'|SQL_STATEMENT_NOT_SUPPORTED",
            "ATTACH '/tmp/x.duckdb' AS x|SQL_STATEMENT_NOT_SUPPORTED",
            "INSTALL httpfs|SQL_STATEMENT_NOT_SUPPORTED",
            "LOAD httpfs|SQL_STATEMENT_NOT_SUPPORTED",
            "SET enable_external_access = true|SQL_STATEMENT_NOT_SUPPORTED",
            "PRAGMA version|SQL_STATEMENT_NOT_SUPPORTED",
            "CREATE TABLE main.x (a INTEGER)|SQL_STATEMENT_NOT_SUPPORTED",
            "CREATE VIEW main.v AS SELECT 1|SQL_STATEMENT_NOT_SUPPORTED",
            "CREATE TABLE main.leak AS SELECT * FROM read_text('/etc/hostname')|SQL_FORBIDDEN_FUNCTION",
            "INSERT INTO demo.region SELECT * FROM read_csv('/etc/passwd')|SQL_FORBIDDEN_FUNCTION",
            "SELECT 1; SELECT 2|SQL_MULTIPLE_STATEMENTS",
            "SELECT * FROM demo.no_such_table|TABLE_NOT_FOUND",
    })
    void refusesStatementsThatCouldEscapeTheLake(String sql, String code)
    {
        ApiClient.Response response = api.query(sql);

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.code()).isEqualTo(code);
    }

    @Test
    void timeoutReturns408AndFreesDuckDb()
    {
        ApiClient.Response response = api.postJson("/api/v1/queries", body("sql", ENDLESS, "timeoutSeconds", 1));

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.code()).isEqualTo("QUERY_TIMEOUT");
        assertThat(api.get("/api/v1/queries/running").json().size()).isZero();
        assertThat(api.count("demo.region")).isEqualTo(5);
    }

    @Test
    void cancelStopsARunningQuery()
            throws Exception
    {
        CompletableFuture<ApiClient.Response> running = CompletableFuture.supplyAsync(() -> api.query(ENDLESS));
        String queryId = awaitRunning();

        ApiClient.Response cancel = api.post("/api/v1/queries/" + queryId + "/cancel", "");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().path("status").asString()).isEqualTo("CANCELLED");
        ApiClient.Response cancelled = running.get(30, TimeUnit.SECONDS);
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.code()).isEqualTo("QUERY_CANCELLED");
        assertThat(api.post("/api/v1/queries/" + queryId + "/cancel", "").code()).isEqualTo("QUERY_NOT_RUNNING");
        assertThat(api.post("/api/v1/queries/no-such-query/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void historyListsQueriesNewestFirstWithOutcome()
    {
        String marker = "SELECT 'history-" + System.nanoTime() + "' AS marker";
        api.query(marker);
        api.query("SELECT no_column_" + System.nanoTime() + " FROM demo.nation");

        JsonNode first = api.get("/api/v1/queries/history?limit=1").json();
        assertThat(first.path("items").size()).isEqualTo(1);
        assertThat(first.path("items").path(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(first.path("items").path(0).path("errorCode").asString()).isEqualTo("SQL_ERROR");
        assertThat(first.path("nextPageToken").asString()).isNotBlank();

        JsonNode second = api.get("/api/v1/queries/history?limit=1&pageToken=" + first.path("nextPageToken").asString()).json();
        JsonNode entry = second.path("items").path(0);
        assertThat(entry.path("sql").asString()).isEqualTo(marker);
        assertThat(entry.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(entry.path("rows").asLong()).isEqualTo(1);
        assertThat(entry.path("durationMillis").isNumber()).isTrue();
        assertThat(api.get("/api/v1/queries/history?limit=0").code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void validatesRequestBodies()
    {
        assertThat(api.post("/api/v1/queries", "{\"sql\": \"\"}").code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.postJson("/api/v1/queries", body("sql", "SELECT 1", "maxRows", 0)).code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.postJson("/api/v1/queries", body("sql", "SELECT 1", "timeoutSeconds", -5)).code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.post("/api/v1/queries", "{not json").code()).isEqualTo("INVALID_REQUEST");
    }

    private String awaitRunning()
            throws InterruptedException
    {
        for (int attempt = 0; attempt < 200; attempt++) {
            JsonNode running = api.get("/api/v1/queries/running").json();
            if (!running.isEmpty()) {
                return running.path(0).asString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query never started");
    }
}
