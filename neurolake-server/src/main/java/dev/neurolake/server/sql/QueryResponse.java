package dev.neurolake.server.sql;

import dev.neurolake.sql.QueryResult;
import dev.neurolake.sql.ResultColumn;

import java.util.List;

/**
 * A page of query results.
 *
 * @param truncated more rows follow: GET {@code nextUri} (or {@code /api/v1/queries/{queryId}/results?cursor={nextCursor}})
 * @param write for a write statement: the statement kind, rows affected and the snapshot it committed
 */
public record QueryResponse(String queryId, List<ResultColumn> columns, List<List<Object>> rows, int rowCount, boolean truncated, String nextCursor, String nextUri, long elapsedMillis,
        Write write)
{
    public record Write(String statement, long rowsAffected, Long snapshotId) {}

    public static QueryResponse from(QueryResult result)
    {
        String cursor = result.nextCursor().orElse(null);
        String nextUri = cursor == null ? null : "/api/v1/queries/" + result.queryId() + "/results?cursor=" + cursor;
        Write write = result.write().map(summary -> new Write(summary.statement(), summary.rowsAffected(), summary.snapshotId().orElse(null))).orElse(null);
        return new QueryResponse(result.queryId(), result.columns(), result.rows(), result.rowCount(), result.truncated(), cursor, nextUri, result.elapsedMillis(), write);
    }
}
