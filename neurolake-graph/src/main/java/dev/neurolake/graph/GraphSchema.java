package dev.neurolake.graph;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The shape of the graph: labels and relationship types with exact counts (from Neo4j's count
 * store), property keys and value types (sampled), indexes and constraints.
 *
 * @param propertySampleSize nodes or relationships per label or type whose properties were read
 */
public record GraphSchema(List<Label> labels, List<RelationshipType> relationshipTypes, List<Index> indexes, List<Constraint> constraints, int propertySampleSize)
{
    public GraphSchema
    {
        labels = List.copyOf(requireNonNull(labels, "labels is null"));
        relationshipTypes = List.copyOf(requireNonNull(relationshipTypes, "relationshipTypes is null"));
        indexes = List.copyOf(requireNonNull(indexes, "indexes is null"));
        constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    }

    /** A node label, how many nodes carry it, and the properties seen on them. */
    public record Label(String label, long count, List<Property> properties)
    {
        public Label
        {
            requireNonNull(label, "label is null");
            properties = List.copyOf(requireNonNull(properties, "properties is null"));
        }
    }

    /**
     * A relationship type and its count; {@code startLabels} and {@code endLabels} count its
     * relationships by the label of their start and end node.
     */
    public record RelationshipType(String type, long count, List<LabelCount> startLabels, List<LabelCount> endLabels, List<Property> properties)
    {
        public RelationshipType
        {
            requireNonNull(type, "type is null");
            startLabels = List.copyOf(requireNonNull(startLabels, "startLabels is null"));
            endLabels = List.copyOf(requireNonNull(endLabels, "endLabels is null"));
            properties = List.copyOf(requireNonNull(properties, "properties is null"));
        }
    }

    public record LabelCount(String label, long count)
    {
        public LabelCount
        {
            requireNonNull(label, "label is null");
        }
    }

    /** A property key and the Cypher value types seen for it, e.g. {@code INTEGER}, {@code STRING}, {@code LIST<FLOAT>}. */
    public record Property(String name, List<String> types)
    {
        public Property
        {
            requireNonNull(name, "name is null");
            types = List.copyOf(requireNonNull(types, "types is null"));
        }
    }

    /**
     * An index as {@code SHOW INDEXES} reports it.
     *
     * @param owningConstraint the constraint the index backs, or null
     */
    public record Index(String name, String type, String entityType, List<String> labelsOrTypes, List<String> properties, String state, String owningConstraint)
    {
        public Index
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(entityType, "entityType is null");
            labelsOrTypes = List.copyOf(requireNonNull(labelsOrTypes, "labelsOrTypes is null"));
            properties = List.copyOf(requireNonNull(properties, "properties is null"));
            requireNonNull(state, "state is null");
        }
    }

    /** A constraint as {@code SHOW CONSTRAINTS} reports it, e.g. type {@code UNIQUENESS}. */
    public record Constraint(String name, String type, String entityType, List<String> labelsOrTypes, List<String> properties)
    {
        public Constraint
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(entityType, "entityType is null");
            labelsOrTypes = List.copyOf(requireNonNull(labelsOrTypes, "labelsOrTypes is null"));
            properties = List.copyOf(requireNonNull(properties, "properties is null"));
        }
    }
}
