package dev.neurolake.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.neurolake.server.ApiClient;
import dev.neurolake.server.NeuroLakeApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security settings the shared test server leaves at their defaults: an in-memory rate limit of
 * 50/min for analysts, SSO with JWTs signed by a locally generated key set, a lockout after 3
 * failed sign-ins, a CORS allow-list and a small body limit.
 */
@SpringBootTest(classes = NeuroLakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityEdgeCasesTest
{
    private static final String ISSUER = "https://identity.example.test";
    private static final String ADMIN_PASSWORD = "edge-admin-password";
    private static final RSAKey SIGNING_KEY = generateKey("neurolake-test");
    private static final RSAKey FOREIGN_KEY = generateKey("neurolake-test");
    private static final HttpServer KEY_SET = serveKeySet();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry)
            throws IOException
    {
        registry.add("neurolake.data-directory", () -> createDirectory().toString());
        registry.add("neurolake.demo.enabled", () -> "false");
        registry.add("NEUROLAKE_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("neurolake.ratelimit.per-minute.analyst", () -> "50");
        registry.add("neurolake.security.max-failed-logins", () -> "3");
        registry.add("neurolake.security.cors-allowed-origins", () -> "https://app.example.test");
        registry.add("neurolake.security.max-request-body-size", () -> "1KB");
        registry.add("neurolake.security.oidc.issuer-uri", () -> ISSUER);
        registry.add("neurolake.security.oidc.jwk-set-uri", () -> "http://127.0.0.1:" + KEY_SET.getAddress().getPort() + "/jwks");
        registry.add("neurolake.security.oidc.role-mapping.data-analysts", () -> "analyst");
    }

    @AfterAll
    static void stopKeySet()
    {
        KEY_SET.stop(0);
    }

    @Test
    void burstOverTheLimitIsAdmittedExactlyUpToIt()
    {
        RateLimitScenario.burstAdmitsExactlyTheLimit(port, ADMIN_PASSWORD);
    }

    @Test
    void ssoTokenSignedByTheProviderSignsInWithMappedRoles()
            throws JOSEException
    {
        ApiClient sso = ApiClient.withApiKey(port, token(SIGNING_KEY, ISSUER, Instant.now().plusSeconds(300)));
        // withApiKey sends any bearer token; a JWT is not an API key, so the JWT path handles it.
        JsonNode me = sso.get("/api/v1/auth/me").json();

        assertThat(me.path("username").asString()).isEqualTo("sso-ann");
        assertThat(me.path("roles").path(0).asString()).isEqualTo("analyst");
        assertThat(me.path("authenticatedWith").asString()).isEqualTo("jwt");
    }

    @Test
    void ssoTokensWithWrongSignatureIssuerOrExpiryAreRefused()
            throws JOSEException
    {
        assertThat(ApiClient.withApiKey(port, token(FOREIGN_KEY, ISSUER, Instant.now().plusSeconds(300))).get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(ApiClient.withApiKey(port, token(SIGNING_KEY, "https://other.example.test", Instant.now().plusSeconds(300))).get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(ApiClient.withApiKey(port, token(SIGNING_KEY, ISSUER, Instant.now().minusSeconds(300))).get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void repeatedFailedSignInsLockTheAccount()
    {
        ApiClient admin = ApiClient.signedIn(port, "admin", ADMIN_PASSWORD);
        admin.postJson("/api/v1/admin/users", Map.of("username", "edge_guess", "password", "right-password", "roles", List.of("viewer")));
        ApiClient browser = new ApiClient(port);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(browser.postJson("/api/v1/auth/login", Map.of("username", "edge_guess", "password", "wrong-" + attempt)).status()).isEqualTo(401);
        }

        ApiClient.Response locked = browser.postJson("/api/v1/auth/login", Map.of("username", "edge_guess", "password", "right-password"));

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.code()).isEqualTo("ACCOUNT_LOCKED");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        admin.postJson("/api/v1/admin/users/edge_guess/password", Map.of("password", "right-password"));
        assertThat(browser.postJson("/api/v1/auth/login", Map.of("username", "edge_guess", "password", "right-password")).status()).isEqualTo(200);
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins()
    {
        ApiClient.Response allowed = preflight("https://app.example.test");
        ApiClient.Response refused = preflight("https://evil.example.test");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.test");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void oversizedBodiesAreRefused()
    {
        ApiClient admin = ApiClient.signedIn(port, "admin", ADMIN_PASSWORD);
        ApiClient.Response response = admin.postJson("/api/v1/queries", Map.of("sql", "SELECT '" + "x".repeat(2000) + "'"));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private ApiClient.Response preflight(String origin)
    {
        ApiClient client = new ApiClient(port);
        return client.send(HttpRequest.newBuilder(client.uri("/api/v1/queries"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static String token(RSAKey key, String issuer, Instant expiry)
            throws JOSEException
    {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("user-123")
                .claim("preferred_username", "sso-ann")
                .claim("roles", List.of("data-analysts", "unknown-role"))
                .issueTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generateKey(String keyId)
    {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity provider's published key set, on a loopback port. */
    private static HttpServer serveKeySet()
    {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.nio.file.Path createDirectory()
    {
        try {
            return Files.createTempDirectory("neurolake-security-edge");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
