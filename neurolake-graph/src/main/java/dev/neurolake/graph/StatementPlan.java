package dev.neurolake.graph;

import static java.util.Objects.requireNonNull;

/**
 * A statement the database planned (with {@code EXPLAIN}) without running it.
 *
 * @param queryType {@code READ_ONLY}, {@code READ_WRITE}, {@code WRITE_ONLY} or {@code SCHEMA_WRITE}
 */
public record StatementPlan(String queryType)
{
    public StatementPlan
    {
        requireNonNull(queryType, "queryType is null");
    }

    /** Index and constraint commands, which Neo4j runs only in a transaction of their own. */
    public boolean isSchemaWrite()
    {
        return queryType.equals("SCHEMA_WRITE");
    }
}
