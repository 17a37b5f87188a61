package dev.neurolake.bench;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.duckdb.DuckDbSettings;
import dev.neurolake.lake.CsvOptions;
import dev.neurolake.lake.FileSource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.UploadFormat;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.lake.WriteResult;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import dev.neurolake.sql.QuerySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * NeuroLake's upload path: {@code LakeWriter.write} of a CSV {@link FileSource} with detected
 * options into a new table, exactly what the server does for an upload. The engine starts once,
 * outside the timings, as a running server would be.
 */
final class NeuroLakeIngest
        implements IngestSystem
{
    private static final String NAMESPACE = "bench";

    private final NeuroLakeEngine engine;

    NeuroLakeIngest(Path dataDirectory)
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        this.engine = NeuroLakeEngine.start(
                DuckDbSettings.defaults(dataDirectory),
                MetadataConnection.of(MetadataDatabase.embeddedUrl(dataDirectory)),
                QuerySettings.defaults(),
                new SimpleMeterRegistry());
    }

    /** Where the CSV must be: the engine's DuckDB reads files only inside its data directory. */
    Path stagingDirectory()
    {
        return engine.stagingDirectory();
    }

    @Override
    public String name()
    {
        return "NeuroLake";
    }

    @Override
    public IngestRun ingest(Path csv, int repetition)
    {
        FileSource source = new FileSource(csv, csv.getFileName().toString(), UploadFormat.CSV, CsvOptions.detect());
        Duration cpuBefore = Machine.processCpuTime();
        long start = System.nanoTime();
        WriteResult result = engine.writer().write(table(repetition), WriteMode.CREATE, source);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new IngestRun(result.rowsWritten(), result.bytesWritten(), elapsed, Machine.processCpuTime().minus(cpuBefore));
    }

    @Override
    public void discard(int repetition)
    {
        engine.catalog().drop(table(repetition));
    }

    private static TableName table(int repetition)
    {
        return new TableName(NAMESPACE, "lineitem_" + repetition);
    }

    @Override
    public void close()
    {
        try {
            engine.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the engine", e);
        }
    }
}
