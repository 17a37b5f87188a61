package dev.neurolake.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The result of a Cypher statement.
 *
 * @param rows JSON-ready values: nodes, relationships and paths as maps, temporal values as ISO-8601 text
 * @param truncated whether the statement returned more rows than were asked for
 * @param graph the same nodes and relationships, for drawing
 * @param counters what the statement changed
 * @param queryType Neo4j's classification: {@code READ_ONLY}, {@code READ_WRITE}, {@code WRITE_ONLY} or {@code SCHEMA_WRITE}
 */
public record CypherResult(List<String> columns, List<List<Object>> rows, boolean truncated, GraphView graph, UpdateCounters counters, String queryType, GraphAccess access, long elapsedMillis)
{
    public CypherResult
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        // Cells may be null, which List.copyOf refuses.
        rows = Collections.unmodifiableList(new ArrayList<>(requireNonNull(rows, "rows is null")));
        requireNonNull(graph, "graph is null");
        requireNonNull(counters, "counters is null");
        requireNonNull(queryType, "queryType is null");
        requireNonNull(access, "access is null");
    }

    public int rowCount()
    {
        return rows.size();
    }
}
