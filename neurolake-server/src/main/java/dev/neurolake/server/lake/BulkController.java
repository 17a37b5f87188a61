package dev.neurolake.server.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.CsvOptions;
import dev.neurolake.lake.FileSource;
import dev.neurolake.lake.RowRewriter;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.UploadFormat;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.lake.WriteResult;
import dev.neurolake.server.governance.AuditTrail;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.Principals;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.apache.iceberg.Schema;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Row-level changes for programs, each one Iceberg commit. Filters are structured, never SQL
 * text; values are checked against the column types before anything is written.
 */
@RestController
@RequestMapping("/api/v1/data/bulk")
public class BulkController
{
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NeuroLakeEngine engine;
    private final RowRewriter rewriter;
    private final Principals principals;
    private final AuditTrail audit;

    public BulkController(NeuroLakeEngine engine, Principals principals, AuditTrail audit)
    {
        this.engine = requireNonNull(engine, "engine is null");
        this.rewriter = engine.rewriter();
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Operation(summary = "Insert rows (JSON objects keyed by column); a value that does not fit gives 400 naming its row index and column, and nothing is written")
    @RequiresPermission(Permission.DATA_WRITE)
    @PostMapping("/insert")
    public BulkResponse insert(@Valid @RequestBody InsertBody body)
    {
        TableName table = writable(body.table());
        engine.catalog().load(table);
        Path rows = engine.stagingDirectory().resolve("bulk-" + UUID.randomUUID() + ".ndjson");
        try {
            try (OutputStream output = Files.newOutputStream(rows)) {
                for (Map<String, Object> row : body.rows()) {
                    output.write(JSON.writeValueAsBytes(row));
                    output.write('\n');
                }
            }
            WriteResult result;
            try {
                result = engine.writer().write(table, WriteMode.APPEND, new FileSource(rows, "rows", UploadFormat.NDJSON, CsvOptions.detect()));
            }
            catch (NeuroLakeException e) {
                throw e.code() == ErrorCode.UPLOAD_INVALID_VALUE ? rowProblem(e) : e;
            }
            audit.record("DATA_BULK_INSERT", table.toString(), "SUCCEEDED", Map.of("rows", result.rowsWritten()));
            return new BulkResponse(table.toString(), result.rowsWritten(), result.snapshotId().orElse(null));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            try {
                Files.deleteIfExists(rows);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Operation(summary = "Set columns to values on the rows a structured filter matches")
    @RequiresPermission(Permission.DATA_WRITE)
    @PostMapping("/update")
    public BulkResponse update(@Valid @RequestBody UpdateBody body)
    {
        TableName table = writable(body.table());
        Schema schema = engine.catalog().load(table).schema();
        List<BulkFilter.TypedValue> values = new ArrayList<>();
        Map<String, String> assignments = new LinkedHashMap<>();
        body.set().forEach((column, value) -> {
            var field = BulkFilter.field(schema, column);
            assignments.put(field.name(), BulkFilter.typed(field, dev.neurolake.lake.LakeTypes.duckDbType(field.type()), value, values));
        });
        Optional<String> condition = Optional.ofNullable(body.where()).map(filter -> filter.toSql(schema, values));
        checkValues(values);
        RowRewriter.Outcome outcome = rewriter.update(table, assignments, condition);
        audit.record("DATA_BULK_UPDATE", table.toString(), "SUCCEEDED", Map.of("rows", outcome.rowsAffected()));
        return new BulkResponse(table.toString(), outcome.rowsAffected(), outcome.snapshotId().orElse(null));
    }

    @Operation(summary = "Delete the rows a structured filter matches (a filter is required)")
    @RequiresPermission(Permission.DATA_WRITE)
    @PostMapping("/delete")
    public BulkResponse delete(@Valid @RequestBody DeleteBody body)
    {
        TableName table = writable(body.table());
        Schema schema = engine.catalog().load(table).schema();
        List<BulkFilter.TypedValue> values = new ArrayList<>();
        String condition = body.where().toSql(schema, values);
        checkValues(values);
        RowRewriter.Outcome outcome = rewriter.delete(table, Optional.of(condition));
        audit.record("DATA_BULK_DELETE", table.toString(), "SUCCEEDED", Map.of("rows", outcome.rowsAffected()));
        return new BulkResponse(table.toString(), outcome.rowsAffected(), outcome.snapshotId().orElse(null));
    }

    private TableName writable(String name)
    {
        TableName table = TableName.parse(name);
        principals.tableAccess(Principals.current()).checkWrite(table);
        return table;
    }

    /** Casts every value once, so a bad one is named before any file is written. */
    private void checkValues(List<BulkFilter.TypedValue> values)
    {
        engine.duckdb().call(() -> {
            try (Connection connection = engine.duckdb().connect()) {
                for (BulkFilter.TypedValue value : values) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT " + value.sql());
                    }
                    catch (SQLException e) {
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("column", value.column());
                        details.put("value", value.value());
                        details.put("expectedType", value.type());
                        throw new NeuroLakeException(ErrorCode.UPLOAD_INVALID_VALUE, "Column '" + value.column() + "': value " + value.value() + " does not fit type " + value.type(), details, e);
                    }
                }
            }
            return null;
        });
    }

    private static NeuroLakeException rowProblem(NeuroLakeException error)
    {
        Map<String, Object> details = new LinkedHashMap<>(error.details());
        details.remove("file");
        Object row = details.remove("row");
        long rowIndex = row instanceof Number number ? number.longValue() - 1 : -1;
        details.put("rowIndex", rowIndex);
        return new NeuroLakeException(ErrorCode.UPLOAD_INVALID_VALUE, "rows[" + rowIndex + "]." + details.get("column") + ": value " + details.get("value")
                + " does not fit type " + details.get("expectedType"), details, error);
    }

    public record InsertBody(@NotBlank String table, @NotEmpty @Size(max = 100_000) List<Map<String, Object>> rows) {}

    public record UpdateBody(@NotBlank String table, @NotEmpty Map<String, Object> set, BulkFilter where) {}

    public record DeleteBody(@NotBlank String table, @NotNull BulkFilter where) {}

    public record BulkResponse(String table, long rowsAffected, Long snapshotId) {}
}
