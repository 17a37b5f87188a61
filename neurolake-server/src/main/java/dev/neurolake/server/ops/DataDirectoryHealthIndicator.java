package dev.neurolake.server.ops;

import dev.neurolake.NeuroLakeEngine;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;

/** Ready only while the data directory takes writes: a full or read-only disk fails every upload. */
@Component
public class DataDirectoryHealthIndicator
        extends AbstractHealthIndicator
{
    private final NeuroLakeEngine engine;

    public DataDirectoryHealthIndicator(NeuroLakeEngine engine)
    {
        super("Data directory is not writable");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder)
            throws Exception
    {
        Path probe = Files.createTempFile(engine.stagingDirectory(), "health-", ".probe");
        Files.delete(probe);
        builder.up()
                .withDetail("path", engine.dataDirectory().toString())
                .withDetail("usableBytes", Files.getFileStore(engine.dataDirectory()).getUsableSpace());
    }
}
