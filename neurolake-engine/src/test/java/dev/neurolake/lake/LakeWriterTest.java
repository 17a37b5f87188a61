package dev.neurolake.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.sql.QueryRequest;
import dev.neurolake.sql.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeWriterTest
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
    void createsTableFromCsvWithInferredTypes()
            throws IOException
    {
        Path csv = write("people.csv", "id,name,score,active,born,seen\n1,Ann,1.5,true,2001-02-03,2024-01-01 10:00:00\n2,\"Bo, Jr\",2.25,false,1999-12-31,2024-01-02 11:30:00\n");

        WriteResult result = engine.writer().write(TableName.parse("people"), WriteMode.CREATE, csv(csv));

        assertThat(result.rowsWritten()).isEqualTo(2);
        assertThat(result.snapshotId()).isPresent();
        assertThat(engine.catalog().describe(TableName.parse("people")).columns())
                .extracting(ColumnInfo::name, ColumnInfo::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "BIGINT"),
                        org.assertj.core.groups.Tuple.tuple("name", "VARCHAR"),
                        org.assertj.core.groups.Tuple.tuple("score", "DOUBLE"),
                        org.assertj.core.groups.Tuple.tuple("active", "BOOLEAN"),
                        org.assertj.core.groups.Tuple.tuple("born", "DATE"),
                        org.assertj.core.groups.Tuple.tuple("seen", "TIMESTAMP"));
        QueryResult rows = engine.queries().execute(QueryRequest.of("SELECT name FROM people ORDER BY id"));
        assertThat(rows.rows()).containsExactly(List.of("Ann"), List.of("Bo, Jr"));
    }

    @Test
    void appendWithBadValueNamesRowAndColumnAndLeavesTableUnchanged()
            throws IOException
    {
        TableName table = TableName.parse("main.measurements");
        engine.writer().write(table, WriteMode.CREATE, csv(write("first.csv", rows(10_000, -1))));
        TableInfo before = engine.catalog().describe(table);

        Path bad = write("second.csv", rows(10_000, 5_000));
        assertThatThrownBy(() -> engine.writer().write(table, WriteMode.APPEND, csv(bad)))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.UPLOAD_INVALID_VALUE);
                    assertThat(error.details()).containsEntry("row", 5_000L).containsEntry("column", "amount").containsEntry("value", "oops");
                    assertThat(error.details().get("expectedType")).isEqualTo("DOUBLE");
                    assertThat(error.getMessage()).contains("row 5000").contains("amount");
                });

        TableInfo after = engine.catalog().describe(table);
        assertThat(after.snapshotId()).isEqualTo(before.snapshotId());
        assertThat(after.rowCount()).isEqualTo(10_000);
        assertThat(count("main.measurements")).isEqualTo(10_000L);
    }

    @Test
    void keepsTheFilesRowOrder()
            throws IOException
    {
        engine.writer().write(TableName.parse("ordered"), WriteMode.CREATE, csv(write("ordered.csv", rows(200_000, -1))));

        List<List<Object>> first = engine.queries().execute(QueryRequest.of("SELECT id FROM ordered LIMIT 3")).rows();
        assertThat(first).containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void badValueInJsonIsLocatedByRow()
            throws IOException
    {
        TableName table = TableName.parse("events");
        engine.writer().write(table, WriteMode.CREATE, new FileSource(write("a.ndjson", "{\"id\": 1, \"kind\": \"x\"}\n"), "a.ndjson", UploadFormat.NDJSON, CsvOptions.detect()));
        Path bad = write("b.json", "[{\"id\": 2, \"kind\": \"y\"}, {\"id\": \"three\", \"kind\": \"z\"}]");

        assertThatThrownBy(() -> engine.writer().write(table, WriteMode.APPEND, new FileSource(bad, "b.json", UploadFormat.JSON, CsvOptions.detect())))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.UPLOAD_INVALID_VALUE);
                    assertThat(error.details()).containsEntry("row", 2L).containsEntry("column", "id").containsEntry("value", "three");
                });
        assertThat(count("events")).isEqualTo(1L);
    }

    @Test
    void appendsGzipTsvAndReplacesTable()
            throws IOException
    {
        TableName table = TableName.parse("demo2.items");
        engine.writer().write(table, WriteMode.CREATE, csv(write("a.csv", "k,v\n1,a\n")));
        Path gzip = dataDirectory.resolve("staging").resolve("b.tsv.gz");
        try (OutputStream output = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            output.write("k\tv\n2\tb\n3\tc\n".getBytes(StandardCharsets.UTF_8));
        }
        engine.writer().write(table, WriteMode.APPEND, new FileSource(gzip, "b.tsv.gz", UploadFormat.TSV, CsvOptions.detect()));
        assertThat(count("demo2.items")).isEqualTo(3L);

        WriteResult replaced = engine.writer().write(table, WriteMode.REPLACE, csv(write("c.csv", "other\nx\n")));

        assertThat(replaced.rowsWritten()).isEqualTo(1);
        assertThat(engine.catalog().describe(table).columns()).extracting(ColumnInfo::name).containsExactly("other");
        assertThat(engine.catalog().snapshots(table)).hasSize(3);
    }

    @Test
    void appendRefusesUnknownColumns()
            throws IOException
    {
        TableName table = TableName.parse("narrow");
        engine.writer().write(table, WriteMode.CREATE, csv(write("a.csv", "k\n1\n")));

        assertThatThrownBy(() -> engine.writer().write(table, WriteMode.APPEND, csv(write("b.csv", "k,extra\n2,x\n"))))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.UPLOAD_SCHEMA_MISMATCH))
                .hasMessageContaining("extra");
    }

    @Test
    void createRefusesExistingTable()
            throws IOException
    {
        engine.writer().write(TableName.parse("once"), WriteMode.CREATE, csv(write("a.csv", "k\n1\n")));

        assertThatThrownBy(() -> engine.writer().write(TableName.parse("once"), WriteMode.CREATE, csv(write("b.csv", "k\n2\n"))))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS));
    }

    private long count(String table)
    {
        return ((Number) engine.queries().execute(QueryRequest.of("SELECT count(*) FROM " + table)).rows().getFirst().getFirst()).longValue();
    }

    private static String rows(int count, int badRow)
    {
        StringBuilder csv = new StringBuilder("id,label,amount\n");
        for (int row = 1; row <= count; row++) {
            csv.append(row).append(",label ").append(row).append(',').append(row == badRow ? "oops" : row + ".5").append('\n');
        }
        return csv.toString();
    }

    private FileSource csv(Path file)
    {
        return new FileSource(file, file.getFileName().toString(), UploadFormat.fromFileName(file.getFileName().toString()).orElseThrow(), CsvOptions.detect());
    }

    private Path write(String name, String content)
            throws IOException
    {
        Path file = dataDirectory.resolve("staging").resolve(name);
        Files.writeString(file, content);
        return file;
    }

}
