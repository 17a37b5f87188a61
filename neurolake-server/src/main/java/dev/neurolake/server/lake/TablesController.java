package dev.neurolake.server.lake;

import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.SnapshotInfo;
import dev.neurolake.lake.TableInfo;
import dev.neurolake.lake.TableMaintenance;
import dev.neurolake.lake.TableName;
import dev.neurolake.server.governance.AuditTrail;
import dev.neurolake.server.security.Principals;
import dev.neurolake.server.sql.QueryResponse;
import dev.neurolake.sql.QueryService;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Browse and drop lake tables. {@code {name}} is {@code table} (namespace main) or {@code namespace.table}. */
@Validated
@RestController
@RequestMapping("/api/v1/data")
public class TablesController
{
    private final LakeCatalog catalog;
    private final QueryService queries;
    private final Principals principals;
    private final AuditTrail audit;
    private final TableMaintenance maintenance;

    public TablesController(LakeCatalog catalog, QueryService queries, Principals principals, AuditTrail audit, dev.neurolake.NeuroLakeEngine engine)
    {
        this.maintenance = engine.maintenance();
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "List namespaces with their table counts")
    @GetMapping("/schemas")
    public List<SchemaSummary> schemas()
    {
        TableAccess access = access();
        return catalog.listNamespaces().stream()
                .filter(access::canSeeNamespace)
                .map(namespace -> new SchemaSummary(namespace, (int) catalog.listTables(namespace).stream().filter(access::canRead).count()))
                .toList();
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "List tables, of one namespace or of all")
    @GetMapping("/tables")
    public List<TableSummary> tables(@RequestParam(name = "namespace", required = false) String namespace)
    {
        TableAccess access = access();
        List<String> namespaces = namespace == null ? catalog.listNamespaces().stream().filter(access::canSeeNamespace).toList() : List.of(namespace);
        List<TableSummary> tables = new ArrayList<>();
        for (String each : namespaces) {
            for (TableName table : catalog.listTables(each).stream().filter(access::canRead).toList()) {
                catalog.find(table).map(loaded -> TableSummary.from(LakeCatalog.describe(table, loaded))).ifPresent(tables::add);
            }
        }
        return tables;
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "A table's columns and current snapshot")
    @GetMapping("/tables/{name}/schema")
    public TableSchema schema(@PathVariable("name") String name)
    {
        TableName table = TableName.parse(name);
        access().checkRead(table);
        TableInfo info = catalog.describe(table);
        return new TableSchema(TableSummary.from(info), info.columns().stream().map(column -> new ColumnResponse(column.id(), column.name(), column.type(), column.nullable())).toList());
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "The first rows of a table")
    @GetMapping("/tables/{name}/preview")
    public QueryResponse preview(@PathVariable("name") String name, @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(10_000) int limit)
    {
        return QueryResponse.from(queries.preview(TableName.parse(name), limit, access()));
    }

    @RequiresPermission(Permission.DATA_WRITE)
    @Operation(summary = "Drop a table and delete its files")
    @DeleteMapping("/tables/{name}")
    public ResponseEntity<Void> drop(@PathVariable("name") String name)
    {
        TableName table = TableName.parse(name);
        access().checkWrite(table);
        catalog.drop(table);
        queries.forget(table);
        audit.record("TABLE_DROP", table.toString(), "SUCCEEDED", Map.of());
        return ResponseEntity.noContent().build();
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "A table's snapshots, oldest first")
    @GetMapping("/tables/{name}/snapshots")
    public List<SnapshotResponse> snapshots(@PathVariable("name") String name)
    {
        TableName table = TableName.parse(name);
        access().checkRead(table);
        return catalog.snapshots(table).stream().map(SnapshotResponse::from).toList();
    }

    private TableAccess access()
    {
        return principals.tableAccess(Principals.current());
    }

    @Operation(summary = "Make an earlier snapshot current again (history is kept, so this can be undone)")
    @RequiresPermission(Permission.DATA_WRITE)
    @PostMapping("/tables/{name}/rollback")
    public SnapshotResponse rollback(@PathVariable("name") String name, @jakarta.validation.Valid @RequestBody RollbackBody body)
    {
        TableName table = TableName.parse(name);
        access().checkWrite(table);
        SnapshotResponse snapshot = SnapshotResponse.from(catalog.rollback(table, body.snapshotId()));
        audit.record("TABLE_ROLLBACK", table.toString(), "SUCCEEDED", Map.of("snapshotId", body.snapshotId()));
        return snapshot;
    }

    @Operation(summary = "Compact small files, expire old snapshots and remove orphan files")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/tables/{name}/maintenance")
    public MaintenanceResponse maintenance(@PathVariable("name") String name, @jakarta.validation.Valid @RequestBody MaintenanceBody body)
    {
        TableName table = TableName.parse(name);
        TableMaintenance.Result result = maintenance.run(table, body.toRequest());
        audit.record("TABLE_MAINTENANCE", table.toString(), "SUCCEEDED", Map.of("filesCompacted", result.filesCompacted(),
                "snapshotsExpired", result.snapshotsExpired(), "orphanFilesRemoved", result.orphanFilesRemoved()));
        return new MaintenanceResponse(result.filesCompacted(), result.snapshotsExpired(), result.orphanFilesRemoved(), result.snapshotId().orElse(null));
    }

    public record RollbackBody(@jakarta.validation.constraints.NotNull Long snapshotId) {}

    /**
     * @param compact rewrite the live data files into one (default true)
     * @param expireSnapshotsOlderThan expire snapshots committed before this instant
     * @param retainLast keep at least this many recent snapshots (default 1)
     * @param removeOrphanFilesOlderThanSeconds remove unreferenced files at least this old (default: do not remove)
     */
    public record MaintenanceBody(Boolean compact, Instant expireSnapshotsOlderThan, @Min(1) Integer retainLast, @Min(0) Long removeOrphanFilesOlderThanSeconds)
    {
        TableMaintenance.Request toRequest()
        {
            return new TableMaintenance.Request(compact == null || compact, java.util.Optional.ofNullable(expireSnapshotsOlderThan),
                    retainLast == null ? 1 : retainLast, java.util.Optional.ofNullable(removeOrphanFilesOlderThanSeconds).map(java.time.Duration::ofSeconds));
        }
    }

    public record MaintenanceResponse(int filesCompacted, int snapshotsExpired, int orphanFilesRemoved, Long snapshotId) {}

    public record SchemaSummary(String name, int tableCount) {}

    public record ColumnResponse(int id, String name, String type, boolean nullable) {}

    public record TableSchema(TableSummary table, List<ColumnResponse> columns) {}

    public record TableSummary(String namespace, String name, String qualifiedName, Long snapshotId, long rowCount, long fileCount, long sizeBytes, Instant lastModified)
    {
        static TableSummary from(TableInfo info)
        {
            return new TableSummary(info.name().namespace(), info.name().name(), info.name().toString(), info.snapshotId().orElse(null),
                    info.rowCount(), info.fileCount(), info.sizeBytes(), info.lastModified().orElse(null));
        }
    }

    public record SnapshotResponse(long snapshotId, Long parentId, Instant committedAt, String operation, Map<String, String> summary)
    {
        static SnapshotResponse from(SnapshotInfo snapshot)
        {
            return new SnapshotResponse(snapshot.snapshotId(), snapshot.parentId().orElse(null), snapshot.committedAt(), snapshot.operation(), snapshot.summary());
        }
    }
}
