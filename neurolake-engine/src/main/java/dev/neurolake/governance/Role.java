package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Locale;
import java.util.Map;

/** What a user may do. Restricted roles see and touch only tables granted to them. */
public enum Role
{
    /** Everything, including users, keys, grants and the audit log. */
    ADMIN(false),
    /** Create and write tables, any SQL. */
    ENGINEER(false),
    /** Read granted tables and run read queries over them; write tables with a WRITE grant. */
    ANALYST(true),
    /** Browse the metadata of granted tables. */
    VIEWER(true);

    private final boolean restricted;

    Role(boolean restricted)
    {
        this.restricted = restricted;
    }

    /** Whether table grants limit this role. */
    public boolean restricted()
    {
        return restricted;
    }

    public static Role parse(String value)
    {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Unknown role '" + value + "': use admin, engineer, analyst or viewer", Map.of("role", value), e);
        }
    }
}
