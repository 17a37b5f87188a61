package dev.neurolake.graph.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Nodes made from the rows of a lake table: one node per distinct key, merged on
 * {@code (label, keyProperty)}, which a uniqueness constraint backs.
 *
 * @param table {@code namespace.table}
 * @param keyColumn the column that identifies a row's node; rows where it is NULL are skipped
 * @param keyProperty the node property that holds the key
 * @param properties further columns to copy, column name to property name; a NULL removes the property
 */
public record NodeSet(String table, String keyColumn, String label, String keyProperty, Map<String, String> properties)
{
    public NodeSet
    {
        requireNonNull(table, "table is null");
        requireNonNull(keyColumn, "keyColumn is null");
        requireNonNull(label, "label is null");
        requireNonNull(keyProperty, "keyProperty is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
    }
}
