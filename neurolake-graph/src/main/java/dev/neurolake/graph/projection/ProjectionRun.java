package dev.neurolake.graph.projection;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What a projection run did, in total and per set. */
public record ProjectionRun(String name, long rowsRead, long nodesCreated, long nodesUpdated, long relationshipsCreated, long relationshipsUpdated, long relationshipsSkipped,
        long elapsedMillis, List<SetResult> sets)
{
    public ProjectionRun
    {
        requireNonNull(name, "name is null");
        sets = List.copyOf(requireNonNull(sets, "sets is null"));
    }

    /** Nodes and relationships written (created or updated). */
    public long itemsWritten()
    {
        return nodesCreated + nodesUpdated + relationshipsCreated + relationshipsUpdated;
    }

    /** Nodes and relationships written per second of the run. */
    public double itemsPerSecond()
    {
        return elapsedMillis == 0 ? itemsWritten() * 1000.0 : itemsWritten() * 1000.0 / elapsedMillis;
    }
}
