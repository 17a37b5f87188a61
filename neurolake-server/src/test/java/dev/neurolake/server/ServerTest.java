package dev.neurolake.server;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of the API tests: one real server on a random loopback port, shared by every test class
 * (Spring caches the context), on a fresh data directory with a tiny TPC-H demo dataset.
 */
@SpringBootTest(classes = NeuroLakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest
{
    protected static final Path DATA_DIRECTORY = createDataDirectory();
    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final java.util.Map<Integer, String> ADMIN_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void neuroLakeProperties(DynamicPropertyRegistry registry)
    {
        registry.add("neurolake.data-directory", DATA_DIRECTORY::toString);
        registry.add("neurolake.demo.scale-factor", () -> "0.001");
        registry.add("NEUROLAKE_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        // The suite sends many requests a minute as one admin; rate limits have their own tests.
        for (String role : new String[] {"admin", "engineer", "analyst", "viewer"}) {
            registry.add("neurolake.ratelimit.per-minute." + role, () -> "1000000");
        }
        registry.add("neurolake.ratelimit.anonymous-per-minute", () -> "1000000");
    }

    /** {@code api} acts as the admin, with an API key. */
    @BeforeEach
    void client()
    {
        String key = ADMIN_KEYS.computeIfAbsent(port, ignored -> ApiClient.signedIn(port, "admin", ADMIN_PASSWORD).createApiKey("server-tests", java.util.List.of()));
        api = ApiClient.withApiKey(port, key);
    }

    /** Creates a user with the given role (admin-made) and returns a client acting as them. */
    protected ApiClient userWithRole(String username, String role)
    {
        String password = "password-of-" + username;
        ApiClient.Response created = api.postJson("/api/v1/admin/users", java.util.Map.of("username", username, "password", password, "roles", java.util.List.of(role)));
        if (created.status() != 201 && !"CONFLICT".equals(created.code())) {
            throw new AssertionError("cannot create " + username + ": " + created);
        }
        return api.as(username, password);
    }

    private static Path createDataDirectory()
    {
        try {
            return Files.createTempDirectory("neurolake-server-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
