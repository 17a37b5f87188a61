package dev.neurolake.server.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.graph.CypherRequest;
import dev.neurolake.graph.CypherResult;
import dev.neurolake.graph.GraphAccess;
import dev.neurolake.graph.GraphSchema;
import dev.neurolake.graph.GraphStore;
import dev.neurolake.graph.GraphView;
import dev.neurolake.graph.UpdateCounters;
import dev.neurolake.graph.projection.GraphProjector;
import dev.neurolake.graph.projection.ProjectionInfo;
import dev.neurolake.lake.TableName;
import dev.neurolake.server.security.NeuroLakePrincipal;
import dev.neurolake.server.governance.AuditTrail;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.Principals;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** Cypher over the knowledge graph, and its schema. */
@Validated
@RestController
@RequestMapping("/api/v1/graph")
public class GraphController
{
    /** How much of a statement the audit log keeps. */
    private static final int AUDITED_QUERY_LENGTH = 4000;

    private final GraphStore graph;
    private final GraphProjector projector;
    private final Principals principals;
    private final AuditTrail audit;

    public GraphController(GraphStore graph, GraphProjector projector, Principals principals, AuditTrail audit)
    {
        this.graph = requireNonNull(graph, "graph is null");
        this.projector = requireNonNull(projector, "projector is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Operation(summary = "Run a Cypher statement",
            description = "Returns columns and rows, and the nodes and relationships in them as a graph for drawing. Callers without graph write "
                    + "permission run in a read transaction in which Neo4j itself refuses writes (403 GRAPH_WRITE_FORBIDDEN). LOAD CSV, procedures "
                    + "that reach files or run Cypher text, DBMS administration and the system database are refused for everyone (CYPHER_FORBIDDEN). "
                    + "Callers restricted by table grants (analysts) need READ on every table projected into the graph, since Cypher can reach "
                    + "any node (403 TABLE_ACCESS_DENIED naming the tables). An unreachable graph store answers 503 GRAPH_UNAVAILABLE.")
    @RequiresPermission(Permission.GRAPH_READ)
    @PostMapping("/cypher")
    public CypherResponse cypher(@Valid @RequestBody CypherBody body)
    {
        NeuroLakePrincipal principal = Principals.current();
        checkProjectedTablesReadable(principal);
        // The database enforces the mode: the permission only decides which mode the caller gets.
        GraphAccess access = principal.has(Permission.GRAPH_WRITE) ? GraphAccess.WRITE : GraphAccess.READ;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", body.query().length() > AUDITED_QUERY_LENGTH ? body.query().substring(0, AUDITED_QUERY_LENGTH) : body.query());
        details.put("access", access.name());
        try {
            CypherResult result = graph.execute(body.toRequest(access));
            details.put("rows", result.rowCount());
            details.put("durationMillis", result.elapsedMillis());
            if (result.counters().containsUpdates()) {
                details.put("counters", result.counters());
            }
            audit.record("CYPHER", "graph", "SUCCEEDED", details);
            return CypherResponse.from(result);
        }
        catch (NeuroLakeException e) {
            details.put("errorCode", e.code().name());
            audit.record("CYPHER", "graph", "FAILED", details);
            throw e;
        }
    }

    /**
     * Neo4j Community has no per-label security, and one Cypher statement can reach every node:
     * so the graph is only as open as the least open table projected into it. Without this, a
     * grant withheld on a table would be bypassed through its nodes.
     */
    private void checkProjectedTablesReadable(NeuroLakePrincipal principal)
    {
        if (!principal.restricted()) {
            return;
        }
        TableAccess tables = principals.tableAccess(principal);
        List<String> unreadable = projector.list().stream()
                .map(ProjectionInfo::mapping)
                .flatMap(mapping -> mapping.sourceTables().stream())
                .map(TableName::parse)
                .filter(table -> !tables.canRead(table))
                .map(TableName::toString)
                .distinct()
                .sorted()
                .toList();
        if (!unreadable.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.TABLE_ACCESS_DENIED,
                    "The graph holds data projected from tables without a READ grant for you: " + String.join(", ", unreadable),
                    Map.of("tables", unreadable, "privilege", "READ"));
        }
    }

    @Operation(summary = "The graph's labels and relationship types with counts, property keys and types, indexes and constraints",
            description = "Counts are exact (Neo4j's count store); property keys and types are read from up to 1000 nodes or relationships per label or type.")
    @RequiresPermission(Permission.METADATA_READ)
    @GetMapping("/schema")
    public GraphSchema schema()
    {
        return graph.schema();
    }

    /**
     * @param parameters values for the statement's {@code $name} parameters
     * @param maxRows rows to return at most (default 1000)
     * @param timeoutSeconds the transaction timeout (default 60)
     */
    public record CypherBody(
            @NotBlank @Size(max = 1_000_000) String query,
            @Size(max = 1000) Map<String, Object> parameters,
            @Min(1) @Max(100_000) Integer maxRows,
            @Min(1) @Max(86_400) Integer timeoutSeconds)
    {
        CypherRequest toRequest(GraphAccess access)
        {
            return new CypherRequest(query, parameters == null ? Map.of() : parameters,
                    maxRows == null ? OptionalInt.empty() : OptionalInt.of(maxRows),
                    Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds), access);
        }
    }

    /**
     * A Cypher result.
     *
     * @param truncated the statement returned more than {@code maxRows} rows
     * @param counters what a writing statement changed
     * @param access {@code READ} or {@code WRITE}: the mode the statement ran in
     */
    public record CypherResponse(List<String> columns, List<List<Object>> rows, int rowCount, boolean truncated, GraphView graph, UpdateCounters counters,
            String queryType, GraphAccess access, long elapsedMillis)
    {
        static CypherResponse from(CypherResult result)
        {
            return new CypherResponse(result.columns(), result.rows(), result.rowCount(), result.truncated(), result.graph(),
                    result.counters().containsUpdates() ? result.counters() : null, result.queryType(), result.access(), result.elapsedMillis());
        }
    }
}
