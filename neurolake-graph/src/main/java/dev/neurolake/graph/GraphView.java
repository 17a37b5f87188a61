package dev.neurolake.graph;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The distinct nodes and relationships anywhere in a result (in columns, lists, maps and paths),
 * for drawing. A relationship's end nodes appear only if the result returned them.
 */
public record GraphView(List<GraphNode> nodes, List<GraphRelationship> relationships)
{
    public GraphView
    {
        nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
        relationships = List.copyOf(requireNonNull(relationships, "relationships is null"));
    }
}
