package dev.neurolake.sql;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One page of a query's result.
 *
 * @param truncated whether more rows follow; fetch them with {@code nextCursor}
 * @param elapsedMillis time from the request to this page
 */
public record QueryResult(String queryId, List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, Optional<String> nextCursor, long elapsedMillis)
{
    public QueryResult
    {
        requireNonNull(queryId, "queryId is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(nextCursor, "nextCursor is null");
    }

    public int rowCount()
    {
        return rows.size();
    }
}
