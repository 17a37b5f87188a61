package dev.neurolake.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Locale;

/** How a write treats the target table. */
public enum WriteMode
{
    /** Create a new table; fails if it exists. */
    CREATE,
    /** Add rows to an existing table whose schema the data must fit. */
    APPEND,
    /** Replace the table's schema and rows (creating it if absent); history is kept. */
    REPLACE;

    public static WriteMode parse(String value)
    {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "mode must be one of create, append, replace: '" + value + "'", e);
        }
    }
}
