package dev.neurolake.server.graph;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.neurolake.server.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/** The graph API on the embedded Neo4j, with the demo graph projected on first start. */
class GraphApiTest
        extends ServerTest
{
    @Test
    void theDemoGraphHasOneOrderPerRowOfDemoOrders()
    {
        ApiClient.Response response = cypher(api, "MATCH (c:Customer)-[:PLACED]->(o:Order) RETURN count(o) AS orders");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("rows").path(0).path(0).asLong()).isEqualTo(api.count("demo.orders")).isPositive();
        assertThat(cypher(api, "MATCH (:Order)-[r:CONTAINS]->(:Part) RETURN count(r)").json().path("rows").path(0).path(0).asLong()).isEqualTo(api.count("demo.lineitem"));
        assertThat(cypher(api, "MATCH (:Nation)-[:IN_REGION]->(r:Region) RETURN count(DISTINCT r)").json().path("rows").path(0).path(0).asLong()).isEqualTo(api.count("demo.region"));
        JsonNode demo = api.get("/api/v1/graph/projections/demo").json();
        assertThat(demo.path("lastRun").path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(demo.path("createdBy").asString()).isEqualTo("system");
    }

    @Test
    void returnsRowsAndTheGraphForDrawing()
    {
        JsonNode result = api.postJson("/api/v1/graph/cypher", body(
                "query", "MATCH (c:Customer {customerKey: $key})-[p:PLACED]->(o:Order) RETURN c, p, o ORDER BY o.orderKey",
                "parameters", Map.of("key", 1),
                "maxRows", 2)).json();

        assertThat(result.path("columns").values()).extracting(JsonNode::asString).containsExactly("c", "p", "o");
        assertThat(result.path("rows").size()).isBetween(1, 2);
        assertThat(result.path("rows").path(0).path(0).path("labels").path(0).asString()).isEqualTo("Customer");
        assertThat(result.path("graph").path("nodes").path(0).path("properties").path("customerKey").asLong()).isEqualTo(1);
        JsonNode relationship = result.path("graph").path("relationships").path(0);
        assertThat(relationship.path("type").asString()).isEqualTo("PLACED");
        assertThat(relationship.path("startNodeId").asString()).isEqualTo(result.path("graph").path("nodes").path(0).path("id").asString());
        assertThat(result.path("access").asString()).isEqualTo("WRITE");
    }

    @Test
    void anAnalystsCreateIsRefusedByTheDatabaseAndAnEngineersSucceeds()
    {
        ApiClient analyst = userWithRole("graph_analyst", "analyst");
        grantReadOnEveryNamespace("graph_analyst");
        ApiClient engineer = userWithRole("graph_engineer", "engineer");

        ApiClient.Response refused = cypher(analyst, "CREATE (n:X) RETURN n");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("GRAPH_WRITE_FORBIDDEN");
        assertThat(refused.json().path("neo4jCode").asString()).isEqualTo("Neo.ClientError.Statement.AccessMode");
        assertThat(cypher(analyst, "MATCH (n:Customer) RETURN count(n)").json().path("access").asString()).isEqualTo("READ");

        ApiClient.Response created = cypher(engineer, "CREATE (n:X {by: 'engineer'}) RETURN n");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("counters").path("nodesCreated").asLong()).isEqualTo(1);
        assertThat(cypher(analyst, "MATCH (n:X {by: 'engineer'}) RETURN count(n)").json().path("rows").path(0).path(0).asLong()).isEqualTo(1);
    }

    @Test
    void anAnalystWithoutGrantsOnTheProjectedTablesCannotReadTheGraph()
    {
        ApiClient analyst = userWithRole("graph_ungranted_analyst", "analyst");
        api.postJson("/api/v1/admin/grants", Map.of("grantee", "graph_ungranted_analyst", "namespace", "demo", "table", "orders", "privilege", "READ"));

        ApiClient.Response refused = cypher(analyst, "MATCH (c:Customer) RETURN c.name LIMIT 1");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("TABLE_ACCESS_DENIED");
        assertThat(refused.json().path("tables").values()).extracting(JsonNode::asString).contains("demo.customer", "demo.lineitem").doesNotContain("demo.orders");
        assertThat(refused.body()).doesNotContain("Customer#");
    }

    @Test
    void refusesLoadCsvAndReportsSyntaxErrorsAsProblems()
    {
        ApiClient.Response loadCsv = cypher(api, "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line");
        assertThat(loadCsv.status()).isEqualTo(400);
        assertThat(loadCsv.code()).isEqualTo("CYPHER_FORBIDDEN");

        ApiClient.Response syntax = cypher(api, "MATCH (n RETURN n");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.code()).isEqualTo("CYPHER_SYNTAX_ERROR");
        assertThat(syntax.json().path("line").asInt()).isEqualTo(1);

        ApiClient.Response blank = api.postJson("/api/v1/graph/cypher", Map.of("query", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void schemaListsTheDemoLabelsTypesAndConstraints()
    {
        JsonNode schema = api.get("/api/v1/graph/schema").json();

        JsonNode customer = find(schema.path("labels"), "label", "Customer");
        assertThat(customer.path("count").asLong()).isEqualTo(api.count("demo.customer"));
        assertThat(customer.path("properties").values()).extracting(property -> property.path("name").asString()).contains("customerKey", "name", "accountBalance");
        JsonNode placed = find(schema.path("relationshipTypes"), "type", "PLACED");
        assertThat(placed.path("count").asLong()).isEqualTo(api.count("demo.orders"));
        assertThat(placed.path("startLabels").path(0).path("label").asString()).isEqualTo("Customer");
        assertThat(placed.path("endLabels").path(0).path("label").asString()).isEqualTo("Order");
        assertThat(schema.path("constraints").values()).extracting(constraint -> constraint.path("name").asString()).contains("neurolake_Customer_customerKey");
    }

    @Test
    void projectsAnUploadedTableAndListsTheProjectionWithItsLastRun()
    {
        api.upload("graph_api.cities", "replace", "cities.csv", "id,name,country\n1,Lisbon,PT\n2,Porto,PT\n3,Oslo,NO\n".getBytes(StandardCharsets.UTF_8));
        api.upload("graph_api.countries", "replace", "countries.csv", "code,name\nPT,Portugal\nNO,Norway\n".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> mapping = body(
                "name", "cities",
                "nodes", List.of(
                        body("table", "graph_api.cities", "keyColumn", "id", "label", "City", "properties", Map.of("name", "name")),
                        body("table", "graph_api.countries", "keyColumn", "code", "label", "Country", "keyProperty", "code", "properties", Map.of("name", "name"))),
                "relationships", List.of(
                        body("table", "graph_api.cities", "type", "IN_COUNTRY", "from", body("label", "City", "column", "id"), "to", body("label", "Country", "column", "country"))));

        ApiClient.Response first = api.postJson("/api/v1/graph/projections", mapping);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("nodesCreated").asLong()).isEqualTo(5);
        assertThat(first.json().path("relationshipsCreated").asLong()).isEqualTo(3);
        assertThat(first.json().path("sets").size()).isEqualTo(3);

        ApiClient.Response again = api.post("/api/v1/graph/projections/cities/run", "");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("nodesCreated").asLong()).isZero();
        assertThat(again.json().path("nodesUpdated").asLong()).isEqualTo(5);
        assertThat(cypher(api, "MATCH (c:City)-[:IN_COUNTRY]->(:Country {code: 'PT'}) RETURN count(c)").json().path("rows").path(0).path(0).asLong()).isEqualTo(2);
        JsonNode listed = find(api.get("/api/v1/graph/projections").json(), "name", "cities");
        assertThat(listed.path("lastRun").path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(listed.path("lastRun").path("result").path("nodesUpdated").asLong()).isEqualTo(5);
        assertThat(listed.path("mapping").path("nodes").size()).isEqualTo(2);

        ApiClient.Response invalid = api.postJson("/api/v1/graph/projections", body("name", "broken", "nodes", List.of(body("table", "graph_api.cities", "keyColumn", "nope", "label", "City"))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("PROJECTION_INVALID");
        assertThat(api.get("/api/v1/graph/projections/broken").code()).isEqualTo("PROJECTION_NOT_FOUND");
    }

    @Test
    void importsTheMoviesScriptAndNamesAFailingStatement()
            throws IOException
    {
        ApiClient.Response imported = api.multipart("/api/v1/graph/import", "movies.cypher", resource("/graph/movies-excerpt.cypher"), Map.of());

        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().path("statements").asInt()).isEqualTo(4);
        assertThat(imported.json().path("counters").path("nodesCreated").asLong()).isEqualTo(10);
        assertThat(cypher(api, "MATCH (p:Person {name: 'Keanu Reeves'})-[:ACTED_IN]->(m:Movie) RETURN count(m)").json().path("rows").path(0).path(0).asLong()).isEqualTo(3);

        ApiClient.Response failed = api.multipart("/api/v1/graph/import", "broken.cypher", "CREATE (:Imported {n: 1});\n\nCREATE (:Imported {n: );\n".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.code()).isEqualTo("IMPORT_FAILED");
        assertThat(failed.json().path("statement").asInt()).isEqualTo(2);
        assertThat(failed.json().path("line").asInt()).isEqualTo(3);
        assertThat(failed.json().path("detail").asString()).startsWith("Statement 2 (line 3) failed:");

        ApiClient.Response analyst = userWithRole("graph_import_analyst", "analyst").multipart("/api/v1/graph/import", "x.cypher", "CREATE (:Imported);".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(analyst.status()).isEqualTo(403);
    }

    @Test
    void readinessAndMetricsCoverTheGraph()
    {
        cypher(api, "RETURN 1");

        ApiClient.Response ready = api.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("components").path("graph").path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/metrics").body())
                .contains("neurolake_graph_cypher_duration_seconds_count{access=\"write\",outcome=\"succeeded\"}")
                .contains("neurolake_graph_projection_rows_total")
                .contains("neurolake_graph_projection_throughput")
                .contains("resilience4j_circuitbreaker_state");
    }

    private void grantReadOnEveryNamespace(String username)
    {
        for (JsonNode schema : api.get("/api/v1/data/schemas").json()) {
            api.postJson("/api/v1/admin/grants", Map.of("grantee", username, "namespace", schema.path("name").asString(), "privilege", "READ"));
        }
    }

    private static ApiClient.Response cypher(ApiClient client, String query)
    {
        return client.postJson("/api/v1/graph/cypher", Map.of("query", query));
    }

    private static JsonNode find(JsonNode items, String field, String value)
    {
        for (JsonNode item : items) {
            if (item.path(field).asString().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + items);
    }

    private static byte[] resource(String path)
            throws IOException
    {
        try (InputStream input = GraphApiTest.class.getResourceAsStream(path)) {
            return input.readAllBytes();
        }
    }
}
