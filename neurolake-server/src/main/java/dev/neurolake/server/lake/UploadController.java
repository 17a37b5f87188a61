package dev.neurolake.server.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.CsvOptions;
import dev.neurolake.lake.FileSource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.UploadFormat;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.lake.WriteResult;
import dev.neurolake.server.governance.AuditTrail;
import dev.neurolake.server.security.Principals;
import io.micrometer.core.instrument.MeterRegistry;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** Loads files into tables. */
@RestController
@RequestMapping("/api/v1/data")
public class UploadController
{
    private final NeuroLakeEngine engine;
    private final MeterRegistry meters;
    private final Principals principals;
    private final AuditTrail audit;

    public UploadController(NeuroLakeEngine engine, MeterRegistry meters, Principals principals, AuditTrail audit)
    {
        this.engine = requireNonNull(engine, "engine is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Operation(summary = "Upload a CSV/TSV, JSON array, NDJSON or Parquet file (optionally gzip-compressed) into a table",
            description = "One Iceberg commit: on any error (e.g. a value that does not fit its column) the table is unchanged.")
    @RequiresPermission(Permission.DATA_WRITE)
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public UploadResponse upload(
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "target table: 'table' (namespace main) or 'namespace.table'") @RequestParam("table") String table,
            @Parameter(description = "create (default), append or replace") @RequestParam(name = "mode", defaultValue = "create") String mode,
            @Parameter(description = "csv, tsv, json, ndjson or parquet; taken from the file name when absent") @RequestParam(name = "format", required = false) String format,
            @Parameter(description = "CSV: whether the first line is a header; detected when absent") @RequestParam(name = "header", required = false) Boolean header,
            @Parameter(description = "CSV: field delimiter (one character, \\t for tab); detected when absent") @RequestParam(name = "delimiter", required = false) String delimiter,
            @Parameter(description = "CSV: quote character; detected when absent") @RequestParam(name = "quote", required = false) String quote,
            @Parameter(description = "append: add the file's new columns and widen int/float columns, in the same commit") @RequestParam(name = "evolveSchema", defaultValue = "false") boolean evolveSchema)
    {
        TableName tableName = TableName.parse(table);
        WriteMode writeMode = WriteMode.parse(mode);
        principals.tableAccess(Principals.current()).checkWrite(tableName);
        String fileName = Optional.ofNullable(file.getOriginalFilename()).filter(name -> !name.isBlank()).orElse("upload");
        if (file.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.UPLOAD_EMPTY, fileName + " is empty", Map.of("file", fileName));
        }
        UploadFormat uploadFormat = Optional.ofNullable(format).filter(value -> !value.isBlank()).map(UploadFormat::parse)
                .or(() -> UploadFormat.fromFileName(fileName))
                .orElseThrow(() -> new NeuroLakeException(ErrorCode.UPLOAD_FORMAT_UNSUPPORTED,
                        "Cannot tell the format of '" + fileName + "' from its name: pass format=csv|tsv|json|ndjson|parquet", Map.of("file", fileName)));
        CsvOptions csv = new CsvOptions(Optional.ofNullable(header), Optional.ofNullable(delimiter), Optional.ofNullable(quote));
        Path staged = engine.stagingDirectory().resolve(UUID.randomUUID() + "-" + safeName(fileName));
        try {
            // The File variant lets the container rename its spooled part instead of copying gigabytes.
            file.transferTo(staged.toFile());
            long sourceBytes = Files.size(staged);
            WriteResult result = engine.writer().write(tableName, writeMode, new FileSource(staged, fileName, uploadFormat, csv), evolveSchema);
            meters.counter("neurolake.upload.rows", "format", uploadFormat.name().toLowerCase()).increment(result.rowsWritten());
            meters.counter("neurolake.upload.bytes", "format", uploadFormat.name().toLowerCase()).increment(sourceBytes);
            audit.record("DATA_UPLOAD", tableName.toString(), "SUCCEEDED", Map.of("file", fileName, "mode", writeMode.name(), "rows", result.rowsWritten(),
                    "snapshotId", result.snapshotId().map(Object::toString).orElse("")));
            return UploadResponse.from(result, fileName, sourceBytes);
        }
        catch (NeuroLakeException e) {
            audit.record("DATA_UPLOAD", tableName.toString(), "FAILED", Map.of("file", fileName, "mode", writeMode.name(), "errorCode", e.code().name()));
            throw e;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot spool upload " + fileName, e);
        }
        finally {
            deleteStaged(staged);
        }
    }

    /** Keeps the name's extensions (DuckDB reads .gz by them) but nothing that could leave the directory. */
    private static String safeName(String fileName)
    {
        String base = Path.of(fileName.replace('\\', '/')).getFileName().toString();
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteStaged(Path staged)
    {
        try {
            Files.deleteIfExists(staged);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete spooled upload " + staged, e);
        }
    }
}
