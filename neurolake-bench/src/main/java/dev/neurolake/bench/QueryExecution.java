package dev.neurolake.bench;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A timed run and the result it returned, its values normalized (outside the timing) so the two
 * systems' answers can be compared: see {@link ResultComparison}.
 */
record QueryExecution(QueryRun run, List<List<Object>> values)
{
    QueryExecution
    {
        requireNonNull(run, "run is null");
        requireNonNull(values, "values is null");
    }
}
