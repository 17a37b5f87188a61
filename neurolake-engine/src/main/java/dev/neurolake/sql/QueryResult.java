package dev.neurolake.sql;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One page of a query's result.
 *
 * @param truncated whether more rows follow; fetch them with {@code nextCursor}
 * @param elapsedMillis time from the request to this page
 * @param write for a write statement: what it changed
 */
public record QueryResult(String queryId, List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, Optional<String> nextCursor, long elapsedMillis,
        Optional<WriteSummary> write)
{
    /** What a write statement changed: rows affected and the snapshot it committed. */
    public record WriteSummary(String statement, long rowsAffected, Optional<Long> snapshotId)
    {
        public WriteSummary
        {
            requireNonNull(statement, "statement is null");
            requireNonNull(snapshotId, "snapshotId is null");
        }
    }

    public QueryResult(String queryId, List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, Optional<String> nextCursor, long elapsedMillis)
    {
        this(queryId, columns, rows, truncated, nextCursor, elapsedMillis, Optional.empty());
    }

    public QueryResult
    {
        requireNonNull(queryId, "queryId is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(nextCursor, "nextCursor is null");
        requireNonNull(write, "write is null");
    }

    public int rowCount()
    {
        return rows.size();
    }
}
