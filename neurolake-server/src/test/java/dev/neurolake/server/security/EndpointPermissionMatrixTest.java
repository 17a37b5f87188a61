package dev.neurolake.server.security;

import dev.neurolake.governance.Role;
import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every role × (granted, not granted), generated from the endpoints' own
 * {@link RequiresPermission} declarations: the expected outcome follows from the declared
 * permission and the role's permissions. An endpoint without a declaration, or without a
 * sample request below, fails this test.
 */
class EndpointPermissionMatrixTest
        extends ServerTest
{
    private static final String TABLE = "matrix.t";

    @Autowired
    EndpointPermissions endpointPermissions;

    private final Map<String, ApiClient> clients = new LinkedHashMap<>();

    @BeforeEach
    void principals()
    {
        api.upload(TABLE, "replace", "t.csv", "k,v\n1,a\n".getBytes(StandardCharsets.UTF_8));
        api.postJson("/api/v1/admin/users", Map.of("username", "matrix_login", "password", "matrix-login-password", "roles", List.of("viewer")));
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase(Locale.ROOT);
            clients.put(name + "/granted", userWithRole("matrix_" + name + "_granted", name));
            clients.put(name + "/not granted", userWithRole("matrix_" + name + "_plain", name));
            api.postJson("/api/v1/admin/grants", Map.of("grantee", "matrix_" + name + "_granted", "namespace", "matrix", "privilege", "WRITE"));
            // Cypher needs READ on every table projected into the graph (the demo graph's, and any other test's).
            for (JsonNode schema : api.get("/api/v1/data/schemas").json()) {
                if (!schema.path("name").asString().equals("matrix")) {
                    api.postJson("/api/v1/admin/grants", Map.of("grantee", "matrix_" + name + "_granted", "namespace", schema.path("name").asString(), "privilege", "READ"));
                }
            }
        }
    }

    @Test
    void everyEndpointAnswersEachRoleAsItsDeclarationSays()
    {
        Map<String, Sample> samples = samples();
        List<String> failures = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> endpoint : endpointPermissions.endpoints().entrySet()) {
            RequiresPermission declaration = endpoint.getValue().getMethodAnnotation(RequiresPermission.class);
            assertThat(declaration).as("@RequiresPermission on %s", endpoint.getValue().getShortLogMessage()).isNotNull();
            for (String key : keys(endpoint.getKey())) {
                seen.add(key);
                Sample sample = samples.get(key);
                if (sample == null) {
                    failures.add("no sample request for " + key + ": add one to this test");
                    continue;
                }
                check(key, declaration.value(), sample, failures);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(samples.keySet()).as("samples for endpoints that no longer exist").isSubsetOf(seen);
    }

    private void check(String endpoint, Permission required, Sample sample, List<String> failures)
    {
        int anonymous = sample.send(new ApiClient(port), api);
        if (required != Permission.PUBLIC && anonymous != 401) {
            failures.add(endpoint + " anonymous: expected 401, got " + anonymous);
        }
        for (Map.Entry<String, ApiClient> client : clients.entrySet()) {
            Role role = Role.valueOf(client.getKey().substring(0, client.getKey().indexOf('/')).toUpperCase(Locale.ROOT));
            boolean granted = client.getKey().endsWith("/granted");
            boolean allowed = RolePermissions.of(Set.of(role)).contains(required) && (!sample.tableScoped() || !role.restricted() || granted);
            int status = sample.send(client.getValue(), api);
            boolean refused = status == 401 || status == 403;
            if (allowed == refused) {
                failures.add(endpoint + " as " + client.getKey() + " (" + required + "): expected " + (allowed ? "access" : "403") + ", got " + status);
            }
        }
    }

    private static List<String> keys(RequestMappingInfo info)
    {
        List<String> keys = new ArrayList<>();
        for (var method : info.getMethodsCondition().getMethods()) {
            for (String pattern : info.getPatternValues()) {
                keys.add(method.name() + " " + pattern);
            }
        }
        return keys;
    }

    /** A request that exercises an endpoint; {@code setup} runs as admin before each send. */
    private record Sample(boolean tableScoped, java.util.function.Consumer<ApiClient> setup, java.util.function.Function<ApiClient, ApiClient.Response> request)
    {
        int send(ApiClient client, ApiClient admin)
        {
            setup.accept(admin);
            return request.apply(client).status();
        }
    }

    private static Sample sample(java.util.function.Function<ApiClient, ApiClient.Response> request)
    {
        return new Sample(false, admin -> {}, request);
    }

    private static Sample tableSample(java.util.function.Function<ApiClient, ApiClient.Response> request)
    {
        return new Sample(true, admin -> {}, request);
    }

    private static Map<String, Sample> samples()
    {
        Map<String, Sample> samples = new LinkedHashMap<>();
        byte[] row = "k,v\n2,b\n".getBytes(StandardCharsets.UTF_8);
        samples.put("POST /api/v1/data/upload", tableSample(client -> client.upload(TABLE, "append", "more.csv", row)));
        samples.put("GET /api/v1/data/schemas", sample(client -> client.get("/api/v1/data/schemas")));
        samples.put("GET /api/v1/data/tables", sample(client -> client.get("/api/v1/data/tables")));
        samples.put("GET /api/v1/data/tables/{name}/schema", tableSample(client -> client.get("/api/v1/data/tables/" + TABLE + "/schema")));
        samples.put("GET /api/v1/data/tables/{name}/preview", tableSample(client -> client.get("/api/v1/data/tables/" + TABLE + "/preview")));
        samples.put("GET /api/v1/data/tables/{name}/snapshots", tableSample(client -> client.get("/api/v1/data/tables/" + TABLE + "/snapshots")));
        samples.put("DELETE /api/v1/data/tables/{name}", new Sample(true,
                admin -> admin.upload("matrix.drop_me", "replace", "d.csv", row),
                client -> client.delete("/api/v1/data/tables/matrix.drop_me")));
        samples.put("POST /api/v1/queries", tableSample(client -> client.query("SELECT count(*) FROM " + TABLE)));
        samples.put("POST /api/v1/queries/export", tableSample(client -> client.postJson("/api/v1/queries/export?format=csv", Map.of("sql", "SELECT * FROM " + TABLE))));
        samples.put("POST /api/v1/data/tables/{name}/rollback", new Sample(true,
                admin -> admin.upload("matrix.rolled", "replace", "r.csv", row),
                client -> client.postJson("/api/v1/data/tables/matrix.rolled/rollback", Map.of("snapshotId", firstSnapshot(client, "matrix.rolled")))));
        samples.put("POST /api/v1/data/tables/{name}/maintenance", tableSample(client -> client.postJson("/api/v1/data/tables/" + TABLE + "/maintenance", Map.of("compact", true))));
        samples.put("POST /api/v1/data/bulk/insert", tableSample(client -> client.postJson("/api/v1/data/bulk/insert", Map.of("table", TABLE, "rows", List.of(Map.of("k", 7, "v", "z"))))));
        samples.put("POST /api/v1/data/bulk/update", tableSample(client -> client.postJson("/api/v1/data/bulk/update",
                Map.of("table", TABLE, "set", Map.of("v", "y"), "where", Map.of("column", "k", "op", "eq", "value", 7)))));
        samples.put("POST /api/v1/data/bulk/delete", tableSample(client -> client.postJson("/api/v1/data/bulk/delete",
                Map.of("table", TABLE, "where", Map.of("column", "k", "op", "eq", "value", 7)))));
        samples.put("GET /api/v1/queries/{queryId}/results", sample(client -> client.get("/api/v1/queries/unknown-query/results?cursor=2")));
        samples.put("POST /api/v1/queries/explain", tableSample(client -> client.postJson("/api/v1/queries/explain", Map.of("sql", "SELECT * FROM " + TABLE))));
        samples.put("POST /api/v1/queries/{queryId}/cancel", sample(client -> client.post("/api/v1/queries/unknown-query/cancel", "")));
        samples.put("GET /api/v1/queries/running", sample(client -> client.get("/api/v1/queries/running")));
        samples.put("GET /api/v1/queries/history", sample(client -> client.get("/api/v1/queries/history")));
        samples.put("POST /api/v1/auth/login", sample(client -> client.postJson("/api/v1/auth/login", Map.of("username", "matrix_login", "password", "matrix-login-password"))));
        samples.put("POST /api/v1/auth/logout", sample(client -> client.post("/api/v1/auth/logout", "")));
        samples.put("GET /api/v1/auth/me", sample(client -> client.get("/api/v1/auth/me")));
        samples.put("GET /api/v1/auth/csrf", sample(client -> client.get("/api/v1/auth/csrf")));
        samples.put("POST /api/v1/auth/api-keys", sample(client -> client.postJson("/api/v1/auth/api-keys", Map.of("name", "matrix"))));
        samples.put("GET /api/v1/auth/api-keys", sample(client -> client.get("/api/v1/auth/api-keys")));
        samples.put("DELETE /api/v1/auth/api-keys/{id}", sample(client -> client.delete("/api/v1/auth/api-keys/unknown-key")));
        samples.put("GET /api/v1/admin/users", sample(client -> client.get("/api/v1/admin/users")));
        samples.put("POST /api/v1/admin/users", sample(client -> client.postJson("/api/v1/admin/users", Map.of("username", "matrix_new", "password", "new-user-password", "roles", List.of("viewer")))));
        samples.put("GET /api/v1/admin/users/{username}", sample(client -> client.get("/api/v1/admin/users/admin")));
        samples.put("PUT /api/v1/admin/users/{username}/roles", sample(client -> send(client, "PUT", "/api/v1/admin/users/nobody/roles", "{\"roles\": [\"viewer\"]}")));
        samples.put("POST /api/v1/admin/users/{username}/disable", sample(client -> client.post("/api/v1/admin/users/nobody/disable", "")));
        samples.put("POST /api/v1/admin/users/{username}/enable", sample(client -> client.post("/api/v1/admin/users/nobody/enable", "")));
        samples.put("POST /api/v1/admin/users/{username}/password", sample(client -> client.postJson("/api/v1/admin/users/nobody/password", Map.of("password", "another-password"))));
        samples.put("GET /api/v1/admin/groups", sample(client -> client.get("/api/v1/admin/groups")));
        samples.put("POST /api/v1/admin/groups", sample(client -> client.postJson("/api/v1/admin/groups", Map.of("name", "matrix_group"))));
        samples.put("DELETE /api/v1/admin/groups/{name}", sample(client -> client.delete("/api/v1/admin/groups/no_group")));
        samples.put("POST /api/v1/admin/groups/{name}/members", sample(client -> client.postJson("/api/v1/admin/groups/no_group/members", Map.of("username", "admin"))));
        samples.put("DELETE /api/v1/admin/groups/{name}/members/{username}", sample(client -> client.delete("/api/v1/admin/groups/no_group/members/admin")));
        samples.put("GET /api/v1/admin/grants", sample(client -> client.get("/api/v1/admin/grants")));
        samples.put("POST /api/v1/admin/grants", sample(client -> client.postJson("/api/v1/admin/grants", Map.of("grantee", "nobody", "namespace", "matrix", "privilege", "READ"))));
        samples.put("DELETE /api/v1/admin/grants/{id}", sample(client -> client.delete("/api/v1/admin/grants/unknown-grant")));
        samples.put("GET /api/v1/admin/api-keys", sample(client -> client.get("/api/v1/admin/api-keys")));
        samples.put("DELETE /api/v1/admin/api-keys/{id}", sample(client -> client.delete("/api/v1/admin/api-keys/unknown-key")));
        samples.put("GET /api/v1/audit", sample(client -> client.get("/api/v1/audit?limit=5")));
        samples.put("GET /api/v1/audit/verify", sample(client -> client.get("/api/v1/audit/verify")));
        samples.put("POST /api/v1/graph/cypher", tableSample(client -> client.postJson("/api/v1/graph/cypher", Map.of("query", "RETURN 1"))));
        samples.put("GET /api/v1/graph/schema", sample(client -> client.get("/api/v1/graph/schema")));
        samples.put("POST /api/v1/graph/projections", sample(client -> client.postJson("/api/v1/graph/projections", Map.of("name", "matrix",
                "nodes", List.of(Map.of("table", TABLE, "keyColumn", "k", "label", "MatrixRow"))))));
        samples.put("GET /api/v1/graph/projections", sample(client -> client.get("/api/v1/graph/projections")));
        samples.put("GET /api/v1/graph/projections/{name}", sample(client -> client.get("/api/v1/graph/projections/matrix")));
        samples.put("POST /api/v1/graph/projections/{name}/run", sample(client -> client.post("/api/v1/graph/projections/no_projection/run", "")));
        samples.put("POST /api/v1/graph/import", sample(client -> client.multipart("/api/v1/graph/import", "matrix.cypher",
                "MERGE (:MatrixImport {k: 1});".getBytes(StandardCharsets.UTF_8), Map.of())));
        return samples;
    }

    /** Any snapshot id of the table, or 0 when the client may not see it (the request is refused before it matters). */
    private static long firstSnapshot(ApiClient client, String table)
    {
        ApiClient.Response snapshots = client.get("/api/v1/data/tables/" + table + "/snapshots");
        return snapshots.status() == 200 ? snapshots.json().path(0).path("snapshotId").asLong() : 0;
    }

    private static ApiClient.Response send(ApiClient client, String method, String path, String json)
    {
        return client.send(HttpRequest.newBuilder(client.uri(path)).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)));
    }
}
