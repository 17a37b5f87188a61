package dev.neurolake.graph.projection;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * How lake tables become a graph: node sets first, then relationship sets between their nodes.
 * Running a mapping again refreshes the graph from the tables' current snapshots.
 *
 * @param name identifies the projection; posting a mapping with the same name replaces it
 */
public record ProjectionMapping(String name, List<NodeSet> nodes, List<RelationshipSet> relationships)
{
    public ProjectionMapping
    {
        requireNonNull(name, "name is null");
        nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
        relationships = List.copyOf(requireNonNull(relationships, "relationships is null"));
    }

    /** The tables the mapping reads, as written in it ({@code namespace.table} or {@code table}). */
    public SortedSet<String> sourceTables()
    {
        return Stream.concat(nodes.stream().map(NodeSet::table), relationships.stream().map(RelationshipSet::table))
                .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
    }
}
