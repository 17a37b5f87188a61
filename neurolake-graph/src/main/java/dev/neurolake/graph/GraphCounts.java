package dev.neurolake.graph;

import org.neo4j.driver.Value;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Node and relationship counts from Neo4j's count store, as {@code db.stats.retrieve('GRAPH COUNTS')} reports them. */
record GraphCounts(Map<String, Long> labels, Map<String, Long> types, Map<String, List<GraphSchema.LabelCount>> startLabels, Map<String, List<GraphSchema.LabelCount>> endLabels)
{
    GraphCounts
    {
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        types = Map.copyOf(requireNonNull(types, "types is null"));
        startLabels = Map.copyOf(requireNonNull(startLabels, "startLabels is null"));
        endLabels = Map.copyOf(requireNonNull(endLabels, "endLabels is null"));
    }

    static GraphCounts from(Value data)
    {
        Map<String, Long> labels = new TreeMap<>();
        for (Value node : data.get("nodes").values()) {
            if (!node.get("label").isNull()) {
                labels.put(node.get("label").asString(), node.get("count").asLong());
            }
        }
        Map<String, Long> types = new TreeMap<>();
        Map<String, List<GraphSchema.LabelCount>> startLabels = new TreeMap<>();
        Map<String, List<GraphSchema.LabelCount>> endLabels = new TreeMap<>();
        for (Value relationship : data.get("relationships").values()) {
            if (relationship.get("relationshipType").isNull()) {
                continue;
            }
            String type = relationship.get("relationshipType").asString();
            long count = relationship.get("count").asLong();
            if (!relationship.get("startLabel").isNull()) {
                startLabels.computeIfAbsent(type, ignored -> new ArrayList<>()).add(new GraphSchema.LabelCount(relationship.get("startLabel").asString(), count));
            }
            else if (!relationship.get("endLabel").isNull()) {
                endLabels.computeIfAbsent(type, ignored -> new ArrayList<>()).add(new GraphSchema.LabelCount(relationship.get("endLabel").asString(), count));
            }
            else {
                types.put(type, count);
            }
        }
        startLabels.values().forEach(list -> list.sort(Comparator.comparing(GraphSchema.LabelCount::label)));
        endLabels.values().forEach(list -> list.sort(Comparator.comparing(GraphSchema.LabelCount::label)));
        return new GraphCounts(labels, types, startLabels, endLabels);
    }
}
