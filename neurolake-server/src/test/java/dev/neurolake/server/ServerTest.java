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

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @DynamicPropertySource
    static void neuroLakeProperties(DynamicPropertyRegistry registry)
    {
        registry.add("neurolake.data-directory", DATA_DIRECTORY::toString);
        registry.add("neurolake.demo.scale-factor", () -> "0.001");
    }

    @BeforeEach
    void client()
    {
        api = new ApiClient(port);
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
