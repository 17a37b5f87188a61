package dev.neurolake.sql;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Limits of the SQL API.
 *
 * @param defaultMaxRows rows per page when a request names none
 * @param maxRowsLimit the most rows a request may ask for per page
 * @param defaultTimeout how long a query may run when a request names no timeout
 * @param maxTimeout the longest timeout a request may ask for
 * @param cursorIdleTimeout how long an unread result cursor stays open
 * @param maxOpenCursors open cursors at most; the least recently used closes first
 */
public record QuerySettings(int defaultMaxRows, int maxRowsLimit, Duration defaultTimeout, Duration maxTimeout, Duration cursorIdleTimeout, int maxOpenCursors)
{
    public QuerySettings
    {
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(maxTimeout, "maxTimeout is null");
        requireNonNull(cursorIdleTimeout, "cursorIdleTimeout is null");
        if (defaultMaxRows < 1 || maxRowsLimit < defaultMaxRows) {
            throw new IllegalArgumentException("need 1 <= defaultMaxRows <= maxRowsLimit");
        }
        if (defaultTimeout.compareTo(maxTimeout) > 0) {
            throw new IllegalArgumentException("defaultTimeout must not exceed maxTimeout");
        }
        if (maxOpenCursors < 1) {
            throw new IllegalArgumentException("maxOpenCursors must be at least 1");
        }
    }

    public static QuerySettings defaults()
    {
        return new QuerySettings(1000, 100_000, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(10), 100);
    }
}
