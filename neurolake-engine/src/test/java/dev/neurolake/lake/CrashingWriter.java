package dev.neurolake.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.sql.QueryRequest;

import java.nio.file.Path;

/**
 * Runs in a child JVM of {@link KillDuringWriteTest}: starts an engine on a data directory and
 * runs a large INSERT ... SELECT, which the test kills with SIGKILL half-way.
 */
public final class CrashingWriter
{
    private CrashingWriter() {}

    public static void main(String[] arguments)
    {
        NeuroLakeEngine engine = TestEngines.embedded(Path.of(arguments[0]));
        System.out.println("STARTED");
        System.out.flush();
        engine.queries().execute(QueryRequest.of("INSERT INTO crash.t SELECT range AS id, md5(CAST(range AS VARCHAR)) AS payload FROM range(1000000000)"));
        System.out.println("FINISHED");
    }
}
