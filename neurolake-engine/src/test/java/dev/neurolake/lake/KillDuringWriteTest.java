package dev.neurolake.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.sql.QueryRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A writer killed with SIGKILL in the middle of a large INSERT leaves the table at its previous snapshot. */
class KillDuringWriteTest
{
    @TempDir
    Path dataDirectory;

    @Test
    void killedInsertLeavesPreviousSnapshotReadable()
            throws Exception
    {
        long snapshotBefore;
        try (NeuroLakeEngine engine = TestEngines.embedded(dataDirectory)) {
            engine.queries().execute(QueryRequest.of("CREATE TABLE crash.t AS SELECT range AS id, md5(CAST(range AS VARCHAR)) AS payload FROM range(1000)"));
            snapshotBefore = engine.catalog().describe(TableName.parse("crash.t")).snapshotId().orElseThrow();
        }

        Process writer = new ProcessBuilder(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            do {
                line = output.readLine();
                seen.append(line).append('\n');
            }
            while (line != null && !line.equals("STARTED"));
            assertThat(line).as("child writer started; it printed:\n%s", seen).isEqualTo("STARTED");
            awaitGrowingDataFile(Duration.ofSeconds(60));
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (NeuroLakeEngine engine = TestEngines.embedded(dataDirectory)) {
            TableInfo table = engine.catalog().describe(TableName.parse("crash.t"));
            assertThat(table.snapshotId()).contains(snapshotBefore);
            assertThat(engine.catalog().snapshots(TableName.parse("crash.t"))).hasSize(1);
            assertThat(engine.queries().execute(QueryRequest.of("SELECT count(*), count(DISTINCT payload) FROM crash.t")).rows())
                    .containsExactly(List.of(1000L, 1000L));
        }
    }

    /** Waits until the child has begun writing the new Parquet file, so the kill lands mid-write. */
    private void awaitGrowingDataFile(Duration timeout)
            throws Exception
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(dataDirectory.resolve("warehouse"))) {
                if (files.filter(file -> file.toString().endsWith(".parquet")).count() >= 2) {
                    Thread.sleep(500);
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child never started writing its data file");
    }

    private static String javaExecutable()
    {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
