package dev.neurolake.server.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.graph.projection.GraphProjector;
import dev.neurolake.graph.projection.NodeSet;
import dev.neurolake.graph.projection.ProjectionInfo;
import dev.neurolake.graph.projection.ProjectionMapping;
import dev.neurolake.graph.projection.ProjectionRun;
import dev.neurolake.graph.projection.RelationshipEndpoint;
import dev.neurolake.graph.projection.RelationshipSet;
import dev.neurolake.graph.projection.SetResult;
import dev.neurolake.server.governance.AuditTrail;
import dev.neurolake.server.security.NeuroLakePrincipal;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.Principals;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** Graphs built from lake tables by a mapping, refreshed by running it again. */
@Validated
@RestController
@RequestMapping("/api/v1/graph/projections")
public class ProjectionController
{
    private final GraphProjector projector;
    private final Principals principals;
    private final AuditTrail audit;

    public ProjectionController(GraphProjector projector, Principals principals, AuditTrail audit)
    {
        this.projector = requireNonNull(projector, "projector is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Operation(summary = "Create or replace a projection and run it",
            description = "Node sets (table, key column, label, key property, property columns) become nodes MERGEd on their keys, behind a "
                    + "uniqueness constraint created first; relationship sets (a foreign-key column or a link table; type; properties) connect them. "
                    + "Runs in batches from the tables' current snapshots; running again updates instead of duplicating. Tables need READ grants.")
    @RequiresPermission(Permission.GRAPH_WRITE)
    @PostMapping
    public RunResponse create(@Valid @RequestBody ProjectionBody body)
    {
        ProjectionMapping mapping = body.toMapping();
        return audited(mapping.name(), () -> {
            NeuroLakePrincipal principal = Principals.current();
            return projector.run(mapping, principals.tableAccess(principal), Optional.of(principal.username()));
        });
    }

    @Operation(summary = "Run a stored projection again, refreshing the graph from the tables' current snapshots")
    @RequiresPermission(Permission.GRAPH_WRITE)
    @PostMapping("/{name}/run")
    public RunResponse rerun(@PathVariable("name") String name)
    {
        return audited(name, () -> {
            NeuroLakePrincipal principal = Principals.current();
            return projector.rerun(name, principals.tableAccess(principal), Optional.of(principal.username()));
        });
    }

    @Operation(summary = "List projections with their last run")
    @RequiresPermission(Permission.METADATA_READ)
    @GetMapping
    public List<ProjectionResponse> list()
    {
        return projector.list().stream().map(ProjectionResponse::from).toList();
    }

    @Operation(summary = "One projection with its mapping and last run")
    @RequiresPermission(Permission.METADATA_READ)
    @GetMapping("/{name}")
    public ProjectionResponse get(@PathVariable("name") String name)
    {
        return projector.find(name).map(ProjectionResponse::from)
                .orElseThrow(() -> new NeuroLakeException(ErrorCode.PROJECTION_NOT_FOUND, "Projection '" + name + "' does not exist", Map.of("name", name)));
    }

    private RunResponse audited(String name, Supplier<ProjectionRun> run)
    {
        try {
            ProjectionRun result = run.get();
            audit.record("GRAPH_PROJECTION", name, "SUCCEEDED", Map.of("nodesCreated", result.nodesCreated(), "relationshipsCreated", result.relationshipsCreated(),
                    "nodesUpdated", result.nodesUpdated(), "relationshipsUpdated", result.relationshipsUpdated(), "durationMillis", result.elapsedMillis()));
            return RunResponse.from(result);
        }
        catch (NeuroLakeException e) {
            audit.record("GRAPH_PROJECTION", name, "FAILED", Map.of("errorCode", e.code().name()));
            throw e;
        }
    }

    /**
     * A projection mapping.
     *
     * @param name 1 to 128 letters, digits, '_' or '-'; posting the same name again replaces the mapping
     */
    public record ProjectionBody(@NotBlank @Size(max = 128) String name, @Valid @Size(max = 100) List<NodeSetBody> nodes, @Valid @Size(max = 100) List<RelationshipSetBody> relationships)
    {
        ProjectionMapping toMapping()
        {
            return new ProjectionMapping(name,
                    nodes == null ? List.of() : nodes.stream().map(NodeSetBody::toNodeSet).toList(),
                    relationships == null ? List.of() : relationships.stream().map(RelationshipSetBody::toRelationshipSet).toList());
        }
    }

    /**
     * @param table {@code namespace.table}
     * @param keyProperty the node property holding the key (default: the key column's name)
     * @param properties further columns to copy: column name to property name
     */
    public record NodeSetBody(@NotBlank String table, @NotBlank String keyColumn, @NotBlank String label, String keyProperty, Map<String, String> properties)
    {
        NodeSet toNodeSet()
        {
            return new NodeSet(table, keyColumn, label, keyProperty == null ? keyColumn : keyProperty, properties == null ? Map.of() : properties);
        }
    }

    /**
     * @param from the start node: its label and the column holding its key
     * @param to the end node: its label and the column holding its key
     * @param properties columns to copy onto each relationship: column name to property name
     * @param keyProperties properties that tell apart several relationships between the same two nodes (e.g. a line number)
     */
    public record RelationshipSetBody(@NotBlank String table, @NotBlank String type, @NotNull @Valid EndpointBody from, @NotNull @Valid EndpointBody to,
            Map<String, String> properties, List<String> keyProperties)
    {
        RelationshipSet toRelationshipSet()
        {
            return new RelationshipSet(table, type, from.toEndpoint(), to.toEndpoint(), properties == null ? Map.of() : properties,
                    keyProperties == null ? List.of() : keyProperties);
        }
    }

    /**
     * @param keyProperty the label's key property; by default that of the projection's node set with this label
     */
    public record EndpointBody(@NotBlank String label, @NotBlank String column, String keyProperty)
    {
        RelationshipEndpoint toEndpoint()
        {
            return new RelationshipEndpoint(label, column, Optional.ofNullable(keyProperty));
        }
    }

    /** What a run did; {@code itemsPerSecond} counts nodes and relationships written. */
    public record RunResponse(String name, long rowsRead, long nodesCreated, long nodesUpdated, long relationshipsCreated, long relationshipsUpdated,
            long relationshipsSkipped, long elapsedMillis, long itemsPerSecond, List<SetResult> sets)
    {
        static RunResponse from(ProjectionRun run)
        {
            return new RunResponse(run.name(), run.rowsRead(), run.nodesCreated(), run.nodesUpdated(), run.relationshipsCreated(), run.relationshipsUpdated(),
                    run.relationshipsSkipped(), run.elapsedMillis(), Math.round(run.itemsPerSecond()), run.sets());
        }
    }

    public record LastRunResponse(String status, Instant startedAt, Instant finishedAt, RunResponse result, String errorCode, String errorMessage) {}

    public record ProjectionResponse(String name, ProjectionMapping mapping, String createdBy, Instant createdAt, Instant updatedAt, LastRunResponse lastRun)
    {
        static ProjectionResponse from(ProjectionInfo info)
        {
            LastRunResponse lastRun = info.lastRun().map(run -> new LastRunResponse(run.status(), run.startedAt(), run.finishedAt().orElse(null),
                    run.result().map(RunResponse::from).orElse(null), run.errorCode().orElse(null), run.errorMessage().orElse(null))).orElse(null);
            return new ProjectionResponse(info.mapping().name(), info.mapping(), info.createdBy().orElse(null), info.createdAt(), info.updatedAt(), lastRun);
        }
    }
}
