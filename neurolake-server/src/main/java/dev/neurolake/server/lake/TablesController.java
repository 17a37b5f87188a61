package dev.neurolake.server.lake;

import dev.neurolake.lake.LakeCatalog;
import dev.neurolake.lake.SnapshotInfo;
import dev.neurolake.lake.TableInfo;
import dev.neurolake.lake.TableName;
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

    public TablesController(LakeCatalog catalog, QueryService queries)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.queries = requireNonNull(queries, "queries is null");
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "List namespaces with their table counts")
    @GetMapping("/schemas")
    public List<SchemaSummary> schemas()
    {
        return catalog.listNamespaces().stream()
                .map(namespace -> new SchemaSummary(namespace, catalog.listTables(namespace).size()))
                .toList();
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "List tables, of one namespace or of all")
    @GetMapping("/tables")
    public List<TableSummary> tables(@RequestParam(name = "namespace", required = false) String namespace)
    {
        List<String> namespaces = namespace == null ? catalog.listNamespaces() : List.of(namespace);
        List<TableSummary> tables = new ArrayList<>();
        for (String each : namespaces) {
            for (TableName table : catalog.listTables(each)) {
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
        TableInfo info = catalog.describe(TableName.parse(name));
        return new TableSchema(TableSummary.from(info), info.columns().stream().map(column -> new ColumnResponse(column.id(), column.name(), column.type(), column.nullable())).toList());
    }

    @RequiresPermission(Permission.DATA_READ)
    @Operation(summary = "The first rows of a table")
    @GetMapping("/tables/{name}/preview")
    public QueryResponse preview(@PathVariable("name") String name, @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(10_000) int limit)
    {
        return QueryResponse.from(queries.preview(TableName.parse(name), limit));
    }

    @RequiresPermission(Permission.DATA_WRITE)
    @Operation(summary = "Drop a table and delete its files")
    @DeleteMapping("/tables/{name}")
    public ResponseEntity<Void> drop(@PathVariable("name") String name)
    {
        TableName table = TableName.parse(name);
        catalog.drop(table);
        queries.forget(table);
        return ResponseEntity.noContent().build();
    }

    @RequiresPermission(Permission.METADATA_READ)
    @Operation(summary = "A table's snapshots, oldest first")
    @GetMapping("/tables/{name}/snapshots")
    public List<SnapshotResponse> snapshots(@PathVariable("name") String name)
    {
        return catalog.snapshots(TableName.parse(name)).stream().map(SnapshotResponse::from).toList();
    }

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
