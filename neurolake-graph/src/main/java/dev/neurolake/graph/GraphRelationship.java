package dev.neurolake.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A relationship for drawing: its element id, type, the element ids of its start and end nodes, and its properties. */
public record GraphRelationship(String id, String type, String startNodeId, String endNodeId, Map<String, Object> properties)
{
    public GraphRelationship
    {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(startNodeId, "startNodeId is null");
        requireNonNull(endNodeId, "endNodeId is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
    }
}
