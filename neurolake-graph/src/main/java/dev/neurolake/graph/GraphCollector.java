package dev.neurolake.graph;

import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the distinct nodes and relationships of a result, by element id, in order of first appearance. */
final class GraphCollector
{
    private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
    private final Map<String, GraphRelationship> relationships = new LinkedHashMap<>();

    void add(Node node, Map<String, Object> properties)
    {
        nodes.computeIfAbsent(node.elementId(), id -> {
            List<String> labels = new ArrayList<>();
            node.labels().forEach(labels::add);
            return new GraphNode(id, labels, properties);
        });
    }

    void add(Relationship relationship, Map<String, Object> properties)
    {
        relationships.computeIfAbsent(relationship.elementId(),
                id -> new GraphRelationship(id, relationship.type(), relationship.startNodeElementId(), relationship.endNodeElementId(), properties));
    }

    GraphView view()
    {
        return new GraphView(List.copyOf(nodes.values()), List.copyOf(relationships.values()));
    }
}
