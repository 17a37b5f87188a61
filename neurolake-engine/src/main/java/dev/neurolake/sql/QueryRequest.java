package dev.neurolake.sql;

import dev.neurolake.governance.TableAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * A read query to run.
 *
 * @param parameters values for the statement's {@code ?} / {@code $n} placeholders, in order
 * @param maxRows rows in the first page (and each later page); the configured default when empty
 * @param timeout how long the query may run; the configured default when empty
 * @param principal who runs it, for history and audit
 * @param access the tables the principal may read: every table the statement names is checked
 */
public record QueryRequest(String sql, List<Object> parameters, OptionalInt maxRows, Optional<Duration> timeout, Optional<String> principal, TableAccess access)
{
    public QueryRequest
    {
        requireNonNull(sql, "sql is null");
        // Parameters may be SQL NULLs, which List.copyOf refuses.
        parameters = Collections.unmodifiableList(new ArrayList<>(requireNonNull(parameters, "parameters is null")));
        requireNonNull(maxRows, "maxRows is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(access, "access is null");
    }

    public static QueryRequest of(String sql)
    {
        return new QueryRequest(sql, List.of(), OptionalInt.empty(), Optional.empty(), Optional.empty(), TableAccess.UNRESTRICTED);
    }
}
