package dev.neurolake.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An open, streaming result whose first pages were returned: DuckDB produces the next page
 * only when it is asked for, so a large result costs no memory while it waits.
 */
final class ResultCursor
        implements AutoCloseable
{
    private final String queryId;
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<ResultColumn> columns;
    private final int pageSize;
    private final long startNanos;
    private int nextPage = 1;
    private List<Object> readAhead;
    private volatile long lastUsedNanos = System.nanoTime();
    private boolean closed;

    ResultCursor(String queryId, Connection connection, PreparedStatement statement, ResultSet resultSet, List<ResultColumn> columns, int pageSize, long startNanos)
    {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.statement = requireNonNull(statement, "statement is null");
        this.resultSet = requireNonNull(resultSet, "resultSet is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.pageSize = pageSize;
        this.startNanos = startNanos;
    }

    String queryId()
    {
        return queryId;
    }

    /** The token of the page a client fetches next. */
    synchronized String expectedToken()
    {
        return Integer.toString(nextPage);
    }

    long lastUsedNanos()
    {
        return lastUsedNanos;
    }

    /** Reads the next page; the cursor is exhausted when the page says it is not truncated. */
    synchronized QueryResult nextPage()
            throws SQLException
    {
        lastUsedNanos = System.nanoTime();
        List<List<Object>> rows = new ArrayList<>();
        int columnCount = columns.size();
        if (readAhead != null) {
            rows.add(readAhead);
            readAhead = null;
        }
        while (rows.size() < pageSize && resultSet.next()) {
            rows.add(ResultValues.row(resultSet, columnCount));
        }
        // One row is read ahead so that a full page knows whether it is the last one.
        boolean more = rows.size() == pageSize && resultSet.next();
        if (more) {
            readAhead = ResultValues.row(resultSet, columnCount);
        }
        nextPage++;
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        return new QueryResult(queryId, columns, rows, more, more ? Optional.of(expectedToken()) : Optional.empty(), elapsed);
    }

    void cancel()
            throws SQLException
    {
        statement.cancel();
    }

    @Override
    public synchronized void close()
            throws SQLException
    {
        if (closed) {
            return;
        }
        closed = true;
        try (connection; statement; resultSet) {
            // Closing in reverse order of opening.
        }
    }
}
