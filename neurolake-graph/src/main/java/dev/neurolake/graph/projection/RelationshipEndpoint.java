package dev.neurolake.graph.projection;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One end of the relationships of a {@link RelationshipSet}: the node with {@code label} whose
 * key equals the row's value in {@code column}.
 *
 * @param keyProperty the key property of {@code label}; when empty, the key property of the mapping's node set with that label
 */
public record RelationshipEndpoint(String label, String column, Optional<String> keyProperty)
{
    public RelationshipEndpoint
    {
        requireNonNull(label, "label is null");
        requireNonNull(column, "column is null");
        requireNonNull(keyProperty, "keyProperty is null");
    }

    public static RelationshipEndpoint of(String label, String column)
    {
        return new RelationshipEndpoint(label, column, Optional.empty());
    }
}
