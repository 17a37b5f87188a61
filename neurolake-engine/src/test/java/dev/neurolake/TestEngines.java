package dev.neurolake;

import dev.neurolake.duckdb.DuckDbSettings;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import dev.neurolake.sql.QuerySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;

/** Starts real engines on a temporary data directory for tests. */
public final class TestEngines
{
    private TestEngines() {}

    public static NeuroLakeEngine embedded(Path dataDirectory)
    {
        return start(dataDirectory, MetadataConnection.of(MetadataDatabase.embeddedUrl(dataDirectory)), QuerySettings.defaults());
    }

    public static NeuroLakeEngine start(Path dataDirectory, MetadataConnection metadata, QuerySettings querySettings)
    {
        return NeuroLakeEngine.start(DuckDbSettings.defaults(dataDirectory), metadata, querySettings, new SimpleMeterRegistry());
    }
}
