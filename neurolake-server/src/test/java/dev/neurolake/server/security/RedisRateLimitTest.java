package dev.neurolake.server.security;

import dev.neurolake.server.NeuroLakeApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;

/**
 * The same burst against buckets kept in Redis (127.0.0.1:6379), as several replicas would
 * share them. Skipped with a message when Redis is not reachable.
 */
@SpringBootTest(classes = NeuroLakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisRateLimitTest
{
    private static final String ADMIN_PASSWORD = "redis-admin-password";

    @LocalServerPort
    int port;

    @BeforeAll
    static void requireRedis()
    {
        Assumptions.assumeTrue(redisReachable(), "Redis not reachable at 127.0.0.1:6379: skipping the Redis rate-limit test");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry)
            throws IOException
    {
        registry.add("neurolake.data-directory", () -> createDirectory().toString());
        registry.add("neurolake.demo.enabled", () -> "false");
        registry.add("NEUROLAKE_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("neurolake.ratelimit.per-minute.analyst", () -> "50");
        registry.add("neurolake.ratelimit.redis-url", () -> "redis://127.0.0.1:6379");
    }

    @Test
    void burstOverTheLimitIsAdmittedExactlyUpToItWithBucketsInRedis()
    {
        RateLimitScenario.burstAdmitsExactlyTheLimit(port, ADMIN_PASSWORD);
    }

    private static boolean redisReachable()
    {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static java.nio.file.Path createDirectory()
    {
        try {
            return Files.createTempDirectory("neurolake-redis-ratelimit");
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
