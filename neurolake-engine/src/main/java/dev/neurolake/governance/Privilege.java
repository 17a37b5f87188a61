package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Locale;
import java.util.Map;

/** What a grant allows on a table or namespace. WRITE implies READ. */
public enum Privilege
{
    READ, WRITE;

    public static Privilege parse(String value)
    {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Unknown privilege '" + value + "': use READ or WRITE", Map.of("privilege", value), e);
        }
    }
}
