package dev.neurolake.graph.script;

import dev.neurolake.graph.UpdateCounters;

import static java.util.Objects.requireNonNull;

/**
 * What a script import did.
 *
 * @param statements statements run
 * @param transactions transactions committed
 */
public record ImportResult(int statements, int transactions, UpdateCounters counters, long elapsedMillis)
{
    public ImportResult
    {
        requireNonNull(counters, "counters is null");
    }
}
