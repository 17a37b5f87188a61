package dev.neurolake.graph.projection;

import static java.util.Objects.requireNonNull;

/**
 * What one node or relationship set of a run did.
 *
 * @param kind {@code nodes} or {@code relationships}
 * @param name the label or relationship type
 * @param rows rows read from the table: rows with a NULL key are not read, and on a first load (an empty label or type)
 * rows with the same key are read once
 * @param created nodes or relationships that did not exist before
 * @param updated existing ones whose properties were set again
 * @param skipped rows whose relationship could not be made because an end node does not exist
 */
public record SetResult(String kind, String table, String name, long rows, long created, long updated, long skipped, long elapsedMillis)
{
    public SetResult
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(table, "table is null");
        requireNonNull(name, "name is null");
    }
}
