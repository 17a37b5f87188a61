package dev.neurolake.server.security;

import dev.neurolake.server.NeuroLakeApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start with a missing or default secret. */
class ProductionProfileTest
{
    @TempDir
    Path dataDirectory;

    @Test
    void refusesToStartWithoutAnAdminPassword()
    {
        assertThatThrownBy(() -> start())
                .hasStackTraceContaining("NEUROLAKE_ADMIN_PASSWORD");
    }

    @Test
    void refusesADefaultAdminPassword()
    {
        assertThatThrownBy(() -> start("--NEUROLAKE_ADMIN_PASSWORD=changeme"))
                .hasStackTraceContaining("weak admin password");
    }

    @Test
    void refusesPostgresWithoutAPassword()
    {
        assertThatThrownBy(() -> start("--NEUROLAKE_ADMIN_PASSWORD=a-long-enough-secret", "--neurolake.metadata.url=jdbc:postgresql://127.0.0.1:5432/neurolake"))
                .hasStackTraceContaining("neurolake.metadata.password");
    }

    @Test
    void startsWithRealSecrets()
    {
        try (var context = new SpringApplicationBuilder(NeuroLakeApplication.class).run(arguments("--NEUROLAKE_ADMIN_PASSWORD=a-long-enough-secret"))) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private void start(String... extra)
    {
        new SpringApplicationBuilder(NeuroLakeApplication.class).run(arguments(extra)).close();
    }

    private String[] arguments(String... extra)
    {
        String[] base = {"--spring.profiles.active=production", "--server.port=0", "--neurolake.data-directory=" + dataDirectory, "--neurolake.demo.enabled=false"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }
}
