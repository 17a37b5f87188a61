package dev.neurolake.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What one statement of a {@link GraphWrite} returned and changed; values as in {@link CypherResult#rows()}. */
public record StatementResult(List<Map<String, Object>> records, UpdateCounters counters)
{
    public StatementResult
    {
        records = Collections.unmodifiableList(new ArrayList<>(requireNonNull(records, "records is null")));
        requireNonNull(counters, "counters is null");
    }
}
