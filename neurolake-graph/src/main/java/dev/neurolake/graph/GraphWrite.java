package dev.neurolake.graph;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Statements to run, in order, in one write transaction.
 *
 * @param timeout the transaction timeout
 * @param idempotent whether running the statements twice changes nothing more than running them once (MERGE,
 * not CREATE): only then is a transaction that may or may not have committed before the connection broke retried
 * @param fromUser whether the statements came from a user (a script) rather than from NeuroLake itself: users'
 * statements are checked for LOAD CSV and file or dynamic-Cypher procedures first
 */
public record GraphWrite(List<CypherStatement> statements, Duration timeout, boolean idempotent, boolean fromUser)
{
    public GraphWrite
    {
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        requireNonNull(timeout, "timeout is null");
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("statements is empty");
        }
    }
}
