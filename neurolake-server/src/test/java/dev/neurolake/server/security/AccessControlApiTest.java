package dev.neurolake.server.security;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccessControlApiTest
        extends ServerTest
{
    @Autowired
    DataSource metadata;

    @Test
    void analystWithoutGrantOnCustomerIsRefusedInJoinsCtesAndSubqueries()
    {
        ApiClient analyst = userWithRole("acl_analyst", "analyst");
        api.postJson("/api/v1/admin/grants", Map.of("grantee", "acl_analyst", "namespace", "demo", "table", "orders", "privilege", "READ"));

        assertThat(analyst.query("SELECT count(*) FROM demo.orders").status()).isEqualTo(200);
        assertDenied(analyst.query("SELECT o.o_orderkey, c.c_name FROM demo.orders o JOIN demo.customer c ON o.o_custkey = c.c_custkey"));
        assertDenied(analyst.query("WITH buyers AS (SELECT c_custkey FROM demo.customer) SELECT count(*) FROM demo.orders WHERE o_custkey IN (SELECT c_custkey FROM buyers)"));
        assertDenied(analyst.query("SELECT count(*) FROM demo.orders WHERE o_custkey IN (SELECT c_custkey FROM demo.customer)"));
        assertDenied(analyst.postJson("/api/v1/queries/explain", Map.of("sql", "SELECT * FROM demo.customer")));
        assertDenied(analyst.get("/api/v1/data/tables/demo.customer/preview"));
        assertDenied(analyst.get("/api/v1/data/tables/demo.customer/schema"));

        List<String> visible = new ArrayList<>();
        analyst.get("/api/v1/data/tables").json().forEach(table -> visible.add(table.path("qualifiedName").asString()));
        assertThat(visible).containsExactly("demo.orders");
    }

    @Test
    void historyShowsOwnQueriesToUsersAndEveryoneToAdmins()
    {
        ApiClient analyst = userWithRole("acl_history", "analyst");
        api.postJson("/api/v1/admin/grants", Map.of("grantee", "acl_history", "namespace", "demo", "privilege", "READ"));
        analyst.query("SELECT 'mine' AS x FROM demo.region LIMIT 1");
        api.query("SELECT 'admins' AS x");

        JsonNode own = analyst.get("/api/v1/queries/history?limit=1000").json().path("items");
        assertThat(own.size()).isPositive();
        own.forEach(entry -> assertThat(entry.path("principal").asString()).isEqualTo("acl_history"));
        List<String> principals = new ArrayList<>();
        api.get("/api/v1/queries/history?limit=1000").json().path("items").forEach(entry -> principals.add(entry.path("principal").asString()));
        assertThat(principals).contains("acl_history", "admin");
    }

    @Test
    void browserSessionNeedsCsrfTokenForChanges()
    {
        userWithRole("acl_browser", "analyst");
        ApiClient browser = new ApiClient(port);
        ApiClient.Response login = browser.postJson("/api/v1/auth/login", Map.of("username", "acl_browser", "password", "password-of-acl_browser"));
        assertThat(login.status()).isEqualTo(200);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("JSESSIONID")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        String token = login.json().path("csrfToken").asString();

        assertThat(browser.get("/api/v1/auth/me").json().path("username").asString()).isEqualTo("acl_browser");
        ApiClient.Response forged = browser.query("SELECT 1");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("FORBIDDEN");
        ApiClient.Response withToken = browser.send(HttpRequest.newBuilder(browser.uri("/api/v1/queries"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 1\"}")));
        assertThat(withToken.status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsRefusedAndAudited()
    {
        ApiClient.Response response = new ApiClient(port).postJson("/api/v1/auth/login", Map.of("username", "admin", "password", "not-the-password"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        JsonNode events = api.get("/api/v1/audit?action=LOGIN&limit=50").json().path("events");
        List<String> outcomes = new ArrayList<>();
        events.forEach(event -> outcomes.add(event.path("principal").asString() + ":" + event.path("outcome").asString()));
        assertThat(outcomes).contains("admin:FAILED", "admin:SUCCEEDED");
    }

    @Test
    void disabledUsersAndRevokedKeysLoseAccessAtOnce()
    {
        ApiClient engineer = userWithRole("acl_leaver", "engineer");
        assertThat(engineer.get("/api/v1/auth/me").status()).isEqualTo(200);

        api.post("/api/v1/admin/users/acl_leaver/disable", "");
        assertThat(engineer.get("/api/v1/auth/me").status()).isEqualTo(401);
        api.post("/api/v1/admin/users/acl_leaver/enable", "");
        assertThat(engineer.get("/api/v1/auth/me").status()).isEqualTo(200);

        String keyId = engineer.get("/api/v1/auth/api-keys").json().path(0).path("id").asString();
        assertThat(engineer.delete("/api/v1/auth/api-keys/" + keyId).status()).isEqualTo(200);
        assertThat(engineer.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void keyScopesNarrowTheOwnersPermissions()
    {
        userWithRole("acl_scoped", "engineer");
        String secret = ApiClient.signedIn(port, "acl_scoped", "password-of-acl_scoped").createApiKey("catalog-only", List.of("METADATA_READ"));
        ApiClient scoped = ApiClient.withApiKey(port, secret);

        assertThat(scoped.get("/api/v1/data/tables").status()).isEqualTo(200);
        ApiClient.Response query = scoped.query("SELECT 1");
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.json().path("requiredPermission").asString()).isEqualTo("DATA_READ");
        assertThat(ApiClient.withApiKey(port, "nlk_not-a-real-key").get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void editingOneAuditRowIsReportedByVerify()
            throws Exception
    {
        api.query("SELECT 'audit me' AS x");
        assertThat(api.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
        JsonNode query = api.get("/api/v1/audit?action=QUERY&limit=1").json().path("events").path(0);
        long sequence = query.path("sequence").asLong();
        assertThat(query.path("principal").asString()).isEqualTo("admin");
        assertThat(query.path("details").asString()).contains("audit me");

        String original = details(sequence);
        update(sequence, original.replace("audit me", "nothing to see"));
        try {
            JsonNode verify = api.get("/api/v1/audit/verify").json();
            assertThat(verify.path("intact").asBoolean()).isFalse();
            assertThat(verify.path("firstBrokenSequence").asLong()).isEqualTo(sequence);
        }
        finally {
            update(sequence, original);
        }
        assertThat(api.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void responsesCarrySecurityHeaders()
    {
        ApiClient.Response response = api.get("/api/v1/auth/me");

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
        assertThat(response.headers().firstValue("Permissions-Policy")).isPresent();
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void probesStayOpenButEverythingElseNeedsAPrincipal()
    {
        ApiClient anonymous = new ApiClient(port);
        assertThat(anonymous.get("/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/live").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(401);
        ApiClient.Response tables = anonymous.get("/api/v1/data/tables");
        assertThat(tables.status()).isEqualTo(401);
        assertThat(tables.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(tables.contentType()).startsWith("application/problem+json");
    }

    private static void assertDenied(ApiClient.Response response)
    {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("TABLE_ACCESS_DENIED");
        assertThat(response.json().path("table").asString()).isEqualTo("demo.customer");
    }

    private String details(long sequence)
            throws Exception
    {
        try (Connection connection = metadata.getConnection(); PreparedStatement statement = connection.prepareStatement("SELECT details FROM audit_log WHERE seq = ?")) {
            statement.setLong(1, sequence);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getString(1);
            }
        }
    }

    private void update(long sequence, String details)
            throws Exception
    {
        try (Connection connection = metadata.getConnection(); PreparedStatement statement = connection.prepareStatement("UPDATE audit_log SET details = ? WHERE seq = ?")) {
            statement.setString(1, details);
            statement.setLong(2, sequence);
            statement.executeUpdate();
        }
    }
}
