package dev.neurolake.graph.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Relationships made from the rows of a lake table. For a foreign key, {@code table} is the
 * referencing table, {@code from} its foreign-key column and {@code to} its own key column (or
 * the other way round); for a link table, {@code from} and {@code to} are its two key columns.
 * Rows whose end nodes do not exist are skipped and counted.
 *
 * @param properties columns to copy onto the relationship, column name to property name
 * @param keyProperties properties (names from {@code properties}) that tell apart several relationships of this type
 * between the same two nodes, such as a line number; without them there is at most one
 */
public record RelationshipSet(String table, String type, RelationshipEndpoint from, RelationshipEndpoint to, Map<String, String> properties, List<String> keyProperties)
{
    public RelationshipSet
    {
        requireNonNull(table, "table is null");
        requireNonNull(type, "type is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
        keyProperties = List.copyOf(requireNonNull(keyProperties, "keyProperties is null"));
    }
}
