package dev.neurolake.graph;

/** What a write changed, as Neo4j counts it. */
public record UpdateCounters(
        long nodesCreated,
        long nodesDeleted,
        long relationshipsCreated,
        long relationshipsDeleted,
        long propertiesSet,
        long labelsAdded,
        long labelsRemoved,
        long indexesAdded,
        long indexesRemoved,
        long constraintsAdded,
        long constraintsRemoved)
{
    public static final UpdateCounters NONE = new UpdateCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of two counts. */
    public UpdateCounters plus(UpdateCounters other)
    {
        return new UpdateCounters(
                nodesCreated + other.nodesCreated,
                nodesDeleted + other.nodesDeleted,
                relationshipsCreated + other.relationshipsCreated,
                relationshipsDeleted + other.relationshipsDeleted,
                propertiesSet + other.propertiesSet,
                labelsAdded + other.labelsAdded,
                labelsRemoved + other.labelsRemoved,
                indexesAdded + other.indexesAdded,
                indexesRemoved + other.indexesRemoved,
                constraintsAdded + other.constraintsAdded,
                constraintsRemoved + other.constraintsRemoved);
    }

    public boolean containsUpdates()
    {
        return !equals(NONE);
    }
}
