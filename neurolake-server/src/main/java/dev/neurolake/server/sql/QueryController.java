package dev.neurolake.server.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.server.security.NeuroLakePrincipal;
import dev.neurolake.server.security.Principals;
import dev.neurolake.sql.HistoryEntry;
import dev.neurolake.sql.HistoryPage;
import dev.neurolake.sql.QueryRequest;
import dev.neurolake.sql.QueryService;
import dev.neurolake.sql.QueryStatus;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** Read queries over lake tables with DuckDB. */
@Validated
@RestController
@RequestMapping("/api/v1/queries")
public class QueryController
{
    private final QueryService queries;
    private final Principals principals;
    private final java.nio.file.Path stagingDirectory;

    public QueryController(QueryService queries, Principals principals, dev.neurolake.NeuroLakeEngine engine)
    {
        this.queries = requireNonNull(queries, "queries is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.stagingDirectory = engine.stagingDirectory();
    }

    @Operation(summary = "Run a SQL statement: a read query, or a write (CREATE TABLE AS, INSERT, UPDATE, DELETE, DROP TABLE, ALTER TABLE ADD/RENAME COLUMN)",
            description = "Tables are named 'table' or 'namespace.table'. Only NeuroLake tables may be read: file-reading table functions, paths, "
                    + "COPY, ATTACH, INSTALL/LOAD, SET/PRAGMA are refused before execution. Results beyond maxRows are paged with nextUri. "
                    + "asOfSnapshot / asOfTimestamp read every table as of that snapshot or time. A write is one Iceberg commit and needs DATA_WRITE "
                    + "and a WRITE grant on its table; its response has 'write' with rowsAffected and snapshotId.")
    @RequiresPermission(Permission.DATA_READ)
    @PostMapping
    public QueryResponse execute(@Valid @RequestBody QueryBody body)
    {
        return QueryResponse.from(queries.execute(request(body)));
    }

    @Operation(summary = "Download a read query's whole result as csv, parquet or json (no row limit)")
    @RequiresPermission(Permission.DATA_READ)
    @PostMapping("/export")
    public org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(
            @RequestParam(name = "format", defaultValue = "csv") String format, @Valid @RequestBody QueryBody body)
            throws java.io.IOException
    {
        dev.neurolake.sql.ExportFormat exportFormat = dev.neurolake.sql.ExportFormat.parse(format);
        java.nio.file.Path file = java.nio.file.Files.createTempFile(stagingDirectory, "export-", "." + exportFormat.extension());
        try {
            java.nio.file.Files.delete(file);
            long rows = queries.export(request(body), exportFormat, file);
            org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody stream = output -> {
                try {
                    java.nio.file.Files.copy(file, output);
                }
                finally {
                    java.nio.file.Files.deleteIfExists(file);
                }
            };
            return org.springframework.http.ResponseEntity.ok()
                    .header("Content-Type", exportFormat.mediaType())
                    .header("Content-Disposition", "attachment; filename=\"export." + exportFormat.extension() + "\"")
                    .header("X-Row-Count", Long.toString(rows))
                    .contentLength(java.nio.file.Files.size(file))
                    .body(stream);
        }
        catch (RuntimeException | java.io.IOException e) {
            java.nio.file.Files.deleteIfExists(file);
            throw e;
        }
    }

    private QueryRequest request(QueryBody body)
    {
        NeuroLakePrincipal principal = Principals.current();
        return body.toRequest(principal.username(), principals.tableAccess(principal), principal.has(dev.neurolake.server.security.Permission.DATA_WRITE));
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "Fetch the next page of a query's results")
    @GetMapping("/{queryId}/results")
    public QueryResponse results(@PathVariable("queryId") String queryId, @RequestParam("cursor") String cursor)
    {
        requireOwnQuery(queryId);
        return QueryResponse.from(queries.fetch(queryId, cursor));
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "Show DuckDB's plan for a read query (with analyze=true, run it and show the profiled plan)")
    @PostMapping("/explain")
    public ExplainResponse explain(@Valid @RequestBody ExplainBody body)
    {
        return new ExplainResponse(queries.explain(body.sql(), body.parametersOrEmpty(), Boolean.TRUE.equals(body.analyze()), principals.tableAccess(Principals.current())));
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "Cancel a running query, or close a query's open result")
    @PostMapping("/{queryId}/cancel")
    public CancelResponse cancel(@PathVariable("queryId") String queryId)
    {
        requireOwnQuery(queryId);
        return new CancelResponse(queryId, queries.cancel(queryId));
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "Ids of the queries running now (yours; an admin's: all)")
    @GetMapping("/running")
    public List<String> running()
    {
        NeuroLakePrincipal principal = Principals.current();
        return queries.runningQueries().stream().filter(queryId -> principal.isAdmin() || ownedBy(queryId, principal)).toList();
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "Query history, newest first, paged with nextPageToken: your own queries; an admin sees everyone's")
    @GetMapping("/history")
    public HistoryResponse history(
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(1000) int limit,
            @RequestParam(name = "pageToken", required = false) String pageToken)
    {
        NeuroLakePrincipal principal = Principals.current();
        Optional<String> owner = principal.isAdmin() ? Optional.empty() : Optional.of(principal.username());
        HistoryPage page = queries.history(owner, limit, Optional.ofNullable(pageToken));
        return new HistoryResponse(page.items().stream().map(HistoryItem::from).toList(), page.nextPageToken().orElse(null));
    }

    /** Someone else's query is reported as unknown, not as forbidden: its id says nothing. */
    private void requireOwnQuery(String queryId)
    {
        NeuroLakePrincipal principal = Principals.current();
        if (!principal.isAdmin() && !ownedBy(queryId, principal)) {
            throw new NeuroLakeException(ErrorCode.QUERY_NOT_FOUND, "Query " + queryId + " is not known", java.util.Map.of("queryId", queryId));
        }
    }

    private boolean ownedBy(String queryId, NeuroLakePrincipal principal)
    {
        return queries.find(queryId).flatMap(HistoryEntry::principal).map(principal.username()::equals).orElse(false);
    }

    /**
     * @param parameters values for {@code ?} or {@code $1..$n} placeholders, in order
     * @param maxRows rows per page (default 1000)
     * @param timeoutSeconds cancel the query after this long (default 300)
     * @param asOfSnapshot read every table as of this snapshot id
     * @param asOfTimestamp read every table as of this instant (ISO-8601)
     */
    public record QueryBody(
            @NotBlank @Size(max = 1_000_000) String sql,
            @Size(max = 1000) List<Object> parameters,
            @Min(1) @Max(100_000) Integer maxRows,
            @Min(1) @Max(86_400) Integer timeoutSeconds,
            Long asOfSnapshot,
            Instant asOfTimestamp)
    {
        QueryRequest toRequest(String principal, TableAccess access, boolean writesAllowed)
        {
            Optional<dev.neurolake.sql.AsOf> asOf = asOfSnapshot == null && asOfTimestamp == null
                    ? Optional.empty()
                    : Optional.of(new dev.neurolake.sql.AsOf(Optional.ofNullable(asOfSnapshot), Optional.ofNullable(asOfTimestamp)));
            return new QueryRequest(sql, parameters == null ? List.of() : parameters,
                    maxRows == null ? OptionalInt.empty() : OptionalInt.of(maxRows),
                    Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds),
                    Optional.of(principal),
                    access,
                    asOf,
                    writesAllowed);
        }
    }

    public record ExplainBody(@NotBlank @Size(max = 1_000_000) String sql, @Size(max = 1000) List<Object> parameters, Boolean analyze)
    {
        List<Object> parametersOrEmpty()
        {
            return parameters == null ? List.of() : parameters;
        }
    }

    public record ExplainResponse(String plan) {}

    public record CancelResponse(String queryId, QueryStatus status) {}

    public record HistoryResponse(List<HistoryItem> items, String nextPageToken) {}

    public record HistoryItem(String queryId, String principal, String sql, QueryStatus status, Long rows, Long durationMillis, String errorCode, String errorMessage, Instant startedAt, Instant finishedAt)
    {
        static HistoryItem from(HistoryEntry entry)
        {
            return new HistoryItem(entry.queryId(), entry.principal().orElse(null), entry.sql(), entry.status(),
                    entry.rows().isPresent() ? entry.rows().getAsLong() : null,
                    entry.durationMillis().isPresent() ? entry.durationMillis().getAsLong() : null,
                    entry.errorCode().orElse(null), entry.errorMessage().orElse(null), entry.startedAt(), entry.finishedAt().orElse(null));
        }
    }
}
