package dev.neurolake.server.ops;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.lake.WriteResult;
import dev.neurolake.server.NeuroLakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates the TPC-H demo tables on the first start of an empty data directory, before the
 * server reports ready, so a new user can query at once. A marker file remembers it was done:
 * dropping the demo tables later does not bring them back.
 */
@Component
public class DemoDataLoader
        implements ApplicationRunner
{
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final String MARKER = ".demo-loaded";

    private final NeuroLakeEngine engine;
    private final NeuroLakeProperties.Demo demo;

    public DemoDataLoader(NeuroLakeEngine engine, NeuroLakeProperties properties)
    {
        this.engine = engine;
        this.demo = properties.demo();
    }

    @Override
    public void run(ApplicationArguments arguments)
    {
        Path marker = engine.dataDirectory().resolve(MARKER);
        if (!demo.enabled() || Files.exists(marker) || !engine.catalog().listNamespaces().isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<WriteResult> results = engine.tpch().load(demo.namespace(), demo.scaleFactor());
        long rows = results.stream().mapToLong(WriteResult::rowsWritten).sum();
        LOG.info("Created demo dataset: TPC-H scale factor {} in namespace '{}' ({} tables, {} rows) in {} ms",
                demo.scaleFactor(), demo.namespace(), results.size(), rows, (System.nanoTime() - start) / 1_000_000);
        try {
            Files.writeString(marker, "TPC-H scale factor " + demo.scaleFactor() + "\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + marker, e);
        }
    }
}
