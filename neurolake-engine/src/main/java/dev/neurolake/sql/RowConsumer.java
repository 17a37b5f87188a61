package dev.neurolake.sql;

import java.util.List;

/**
 * Receives the rows of {@link QueryService#scan}, one at a time, on an engine thread. Throwing
 * from either method stops the scan; the exception reaches the caller of {@code scan}.
 */
public interface RowConsumer
{
    /** Called once, before the first row. */
    void columns(List<ResultColumn> columns);

    /** One row as JDBC returns it ({@code getObject}), in column order; the array is not reused. */
    void row(Object[] values);
}
