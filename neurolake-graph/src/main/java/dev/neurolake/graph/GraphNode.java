package dev.neurolake.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A node for drawing: Neo4j's element id, its labels and its properties. */
public record GraphNode(String id, List<String> labels, Map<String, Object> properties)
{
    public GraphNode
    {
        requireNonNull(id, "id is null");
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
    }
}
