package dev.neurolake.graph;

import java.util.List;

/**
 * NeuroLake's knowledge graph: a Neo4j database, embedded or remote, always reached through the
 * Neo4j Java driver. Every method fails with a {@link dev.neurolake.error.NeuroLakeException}
 * whose code says what went wrong; an unreachable store is
 * {@link dev.neurolake.error.ErrorCode#GRAPH_UNAVAILABLE}, never an empty or made-up answer.
 */
public interface GraphStore
        extends AutoCloseable
{
    /**
     * Runs one Cypher statement. {@link GraphAccess#READ} requests run in a read transaction the
     * database keeps read-only; LOAD CSV and procedures that reach files or run Cypher text are
     * refused for everyone.
     */
    CypherResult execute(CypherRequest request);

    /** Runs statements in order in one write transaction; returns what each one returned and changed. */
    List<StatementResult> write(GraphWrite write);

    /** Plans a user's statement without running it: syntax, LOAD CSV and procedure checks, and its query type. */
    StatementPlan explain(CypherStatement statement);

    /** Labels, relationship types, property keys, indexes and constraints. */
    GraphSchema schema();

    /** Asks the store for its version: for readiness. */
    GraphStatus status();

    @Override
    void close();
}
