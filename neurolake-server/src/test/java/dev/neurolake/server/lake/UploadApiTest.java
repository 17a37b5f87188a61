package dev.neurolake.server.lake;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class UploadApiTest
        extends ServerTest
{
    @Test
    void createsTableFromCsvAndReportsWhatWasWritten()
    {
        ApiClient.Response response = api.upload("upload_create.readings", "create", "readings.csv", csv(1_000, -1));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("table").asString()).isEqualTo("upload_create.readings");
        assertThat(body.path("rowsWritten").asLong()).isEqualTo(1_000);
        assertThat(body.path("snapshotId").isNumber()).isTrue();
        assertThat(body.path("elapsedMillis").isNumber()).isTrue();
        assertThat(api.count("upload_create.readings")).isEqualTo(1_000);
    }

    @Test
    void badValueInRow5000IsRefusedWithRowAndColumnAndTableIsUnchanged()
    {
        assertThat(api.upload("upload_bad.readings", "create", "good.csv", csv(10_000, -1)).status()).isEqualTo(200);
        JsonNode before = api.get("/api/v1/data/tables/upload_bad.readings/schema").json().path("table");

        ApiClient.Response response = api.upload("upload_bad.readings", "append", "bad.csv", csv(10_000, 5_000));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asString()).isEqualTo("UPLOAD_INVALID_VALUE");
        assertThat(problem.path("file").asString()).isEqualTo("bad.csv");
        assertThat(problem.path("row").asLong()).isEqualTo(5_000);
        assertThat(problem.path("column").asString()).isEqualTo("reading");
        assertThat(problem.path("value").asString()).isEqualTo("n/a");
        assertThat(problem.path("expectedType").asString()).isEqualTo("DOUBLE");
        assertThat(problem.path("detail").asString()).contains("row 5000", "reading");

        JsonNode after = api.get("/api/v1/data/tables/upload_bad.readings/schema").json().path("table");
        assertThat(after.path("snapshotId").asLong()).isEqualTo(before.path("snapshotId").asLong());
        assertThat(after.path("rowCount").asLong()).isEqualTo(10_000);
        assertThat(api.count("upload_bad.readings")).isEqualTo(10_000);
        assertThat(api.get("/api/v1/data/tables/upload_bad.readings/snapshots").json().size()).isEqualTo(1);
    }

    @Test
    void appendsJsonArrayNdjsonGzipTsvAndParquet()
            throws Exception
    {
        String table = "upload_formats.items";
        assertThat(api.upload(table, "create", "items.json", bytes("[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]")).status()).isEqualTo(200);
        assertThat(api.upload(table, "append", "items.ndjson", bytes("{\"id\": 3, \"name\": \"c\"}\n{\"id\": 4}\n")).status()).isEqualTo(200);
        assertThat(api.upload(table, "append", "items.tsv.gz", gzip("id\tname\n5\te\n")).status()).isEqualTo(200);
        assertThat(api.upload(table, "append", "items.parquet", parquet("SELECT 6::BIGINT AS id, 'f' AS name")).status()).isEqualTo(200);

        assertThat(api.count(table)).isEqualTo(6);
        assertThat(api.query("SELECT count(*) FROM upload_formats.items WHERE name IS NULL").json().path("rows").path(0).path(0).asLong()).isEqualTo(1);
    }

    @Test
    void csvOptionsOverrideDetection()
    {
        ApiClient.Response response = api.upload("semicolons.csv", bytes("1;x\n2;y\n"), Map.of("table", "upload_options.t", "header", "false", "delimiter", ";"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/data/tables/upload_options.t/schema").json().path("columns").size()).isEqualTo(2);
    }

    @Test
    void replaceSwapsSchemaAndRows()
    {
        api.upload("upload_replace.t", "create", "a.csv", bytes("a,b\n1,2\n"));

        ApiClient.Response response = api.upload("upload_replace.t", "replace", "b.csv", bytes("c\nx\ny\n"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.count("upload_replace.t")).isEqualTo(2);
        assertThat(api.get("/api/v1/data/tables/upload_replace.t/schema").json().path("columns").path(0).path("name").asString()).isEqualTo("c");
    }

    @Test
    void refusesBadRequestsWithStableCodes()
    {
        assertThat(api.upload("upload_errors.t", "create", "data.xlsx", bytes("x")).code()).isEqualTo("UPLOAD_FORMAT_UNSUPPORTED");
        assertThat(api.upload("upload_errors.t", "create", "empty.csv", new byte[0]).code()).isEqualTo("UPLOAD_EMPTY");
        assertThat(api.upload("upload_errors.t", "sideways", "a.csv", bytes("a\n1\n")).code()).isEqualTo("INVALID_REQUEST");
        assertThat(api.upload("upload errors!", "create", "a.csv", bytes("a\n1\n")).code()).isEqualTo("INVALID_IDENTIFIER");
        assertThat(api.upload("upload_errors.missing", "append", "a.csv", bytes("a\n1\n")).code()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(api.upload("a.csv", bytes("a\n1\n"), Map.of("mode", "create")).code()).isEqualTo("INVALID_REQUEST");

        api.upload("upload_errors.t", "create", "a.csv", bytes("a\n1\n"));
        ApiClient.Response duplicate = api.upload("upload_errors.t", "create", "a.csv", bytes("a\n1\n"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("TABLE_ALREADY_EXISTS");
        ApiClient.Response extra = api.upload("upload_errors.t", "append", "b.csv", bytes("a,zzz\n1,2\n"));
        assertThat(extra.code()).isEqualTo("UPLOAD_SCHEMA_MISMATCH");
        assertThat(extra.json().path("unknownColumns").path(0).asString()).isEqualTo("zzz");
        assertThat(api.count("upload_errors.t")).isEqualTo(1);
    }

    @Test
    void spooledUploadsAreRemoved()
            throws IOException
    {
        api.upload("upload_spool.t", "create", "a.csv", bytes("a\n1\n"));
        api.upload("upload_spool.t", "append", "b.csv", bytes("a\nnot a number\n"));

        try (var files = Files.list(DATA_DIRECTORY.resolve("staging"))) {
            assertThat(files.filter(file -> file.getFileName().toString().endsWith(".csv"))).isEmpty();
        }
    }

    static byte[] csv(int rows, int badRow)
    {
        StringBuilder csv = new StringBuilder("id,sensor,reading,taken\n");
        for (int row = 1; row <= rows; row++) {
            csv.append(row).append(",s").append(row % 7).append(',').append(row == badRow ? "n/a" : row + ".25").append(",2024-03-").append(String.format("%02d", row % 28 + 1)).append('\n');
        }
        return bytes(csv.toString());
    }

    static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text)
            throws IOException
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
            gzip.write(bytes(text));
        }
        return output.toByteArray();
    }

    private static byte[] parquet(String select)
            throws Exception
    {
        Path file = Files.createTempFile("neurolake-upload", ".parquet");
        Files.delete(file);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        byte[] content = Files.readAllBytes(file);
        Files.delete(file);
        return content;
    }
}
