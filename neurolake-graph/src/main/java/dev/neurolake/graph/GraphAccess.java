package dev.neurolake.graph;

/**
 * How a Cypher statement may touch the graph. The database enforces it: {@link #READ} runs in a
 * read transaction of a read-mode session, where Neo4j itself refuses every write.
 */
public enum GraphAccess
{
    READ,
    WRITE
}
