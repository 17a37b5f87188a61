package dev.neurolake.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.sql.ExportFormat;
import dev.neurolake.sql.QueryRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rollback, maintenance, export and schema evolution on append. */
class TableLifecycleTest
{
    @TempDir
    Path dataDirectory;

    private NeuroLakeEngine engine;

    @BeforeEach
    void start()
    {
        engine = TestEngines.embedded(dataDirectory);
    }

    @AfterEach
    void stop()
            throws IOException
    {
        engine.close();
    }

    @Test
    void rollbackMakesAnEarlierSnapshotCurrent()
    {
        run("CREATE TABLE life.t AS SELECT range AS id FROM range(10)");
        long first = snapshot("life.t");
        run("DELETE FROM life.t WHERE id < 5");
        assertThat(count("life.t")).isEqualTo(5);

        engine.catalog().rollback(TableName.parse("life.t"), first);

        assertThat(count("life.t")).isEqualTo(10);
        assertThat(snapshot("life.t")).isEqualTo(first);
    }

    @Test
    void maintenanceCompactsExpiresAndRemovesOrphans()
            throws IOException
    {
        run("CREATE TABLE life.m AS SELECT range AS id FROM range(3)");
        for (int batch = 0; batch < 4; batch++) {
            run("INSERT INTO life.m SELECT range + 100 * " + (batch + 1) + " FROM range(3)");
        }
        Path orphan = Path.of(engine.catalog().describe(TableName.parse("life.m")).location(), "data", "orphan-from-a-crash.parquet");
        Files.writeString(orphan, "not referenced");

        TableMaintenance.Result result = engine.maintenance().run(TableName.parse("life.m"),
                new TableMaintenance.Request(true, Optional.of(Instant.now().plusSeconds(1)), 1, Optional.of(Duration.ZERO)));

        assertThat(result.filesCompacted()).isEqualTo(5);
        assertThat(result.snapshotsExpired()).isEqualTo(5);
        assertThat(result.orphanFilesRemoved()).isGreaterThanOrEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(count("life.m")).isEqualTo(15);
        assertThat(engine.catalog().snapshots(TableName.parse("life.m"))).hasSize(1);
        try (Stream<Path> files = Files.list(orphan.getParent())) {
            assertThat(files.filter(file -> file.toString().endsWith(".parquet"))).hasSize(1);
        }
    }

    @Test
    void exportWritesTheWholeResult()
            throws IOException
    {
        run("CREATE TABLE life.e AS SELECT range AS id, 'row ' || range AS label FROM range(25000)");
        Path csv = dataDirectory.resolve("staging").resolve("export.csv");

        long rows = engine.queries().export(QueryRequest.of("SELECT * FROM life.e ORDER BY id"), ExportFormat.CSV, csv);

        assertThat(rows).isEqualTo(25000);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(25001);
        assertThat(lines.getFirst()).isEqualTo("id,label");
        assertThat(lines.get(1)).isEqualTo("0,row 0");
    }

    @Test
    void appendWithEvolveSchemaAddsColumnsAndWidensTypes()
            throws IOException
    {
        run("CREATE TABLE life.v AS SELECT CAST(1 AS INTEGER) AS id, 'a' AS label");
        Path file = dataDirectory.resolve("staging").resolve("wider.csv");
        Files.writeString(file, "id,label,score\n3000000000,b,1.5\n");
        FileSource source = new FileSource(file, "wider.csv", UploadFormat.CSV, CsvOptions.detect());

        engine.writer().write(TableName.parse("life.v"), WriteMode.APPEND, source, true);

        assertThat(engine.catalog().describe(TableName.parse("life.v")).columns())
                .extracting(ColumnInfo::name, ColumnInfo::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "BIGINT"), org.assertj.core.groups.Tuple.tuple("label", "VARCHAR"), org.assertj.core.groups.Tuple.tuple("score", "DOUBLE"));
        assertThat(engine.queries().execute(QueryRequest.of("SELECT id, score FROM life.v ORDER BY id")).rows())
                .containsExactly(java.util.Arrays.asList(1L, null), List.of(3000000000L, 1.5));
        assertThat(engine.catalog().snapshots(TableName.parse("life.v"))).hasSize(2);
    }

    private void run(String sql)
    {
        engine.queries().execute(QueryRequest.of(sql));
    }

    private long count(String table)
    {
        return ((Number) engine.queries().execute(QueryRequest.of("SELECT count(*) FROM " + table)).rows().getFirst().getFirst()).longValue();
    }

    private long snapshot(String table)
    {
        return engine.catalog().describe(TableName.parse(table)).snapshotId().orElseThrow();
    }
}
