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
 * @param access the tables the principal may read and write: every table the statement names is checked
 * @param asOf read every table as of this snapshot or time (reads only)
 * @param writesAllowed whether the caller may run write statements at all (grants still apply per table)
 */
public record QueryRequest(String sql, List<Object> parameters, OptionalInt maxRows, Optional<Duration> timeout, Optional<String> principal, TableAccess access,
        Optional<AsOf> asOf, boolean writesAllowed)
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
        requireNonNull(asOf, "asOf is null");
    }

    /** A read or write by NeuroLake itself or a test: no principal, every table. */
    public QueryRequest(String sql, List<Object> parameters, OptionalInt maxRows, Optional<Duration> timeout, Optional<String> principal, TableAccess access)
    {
        this(sql, parameters, maxRows, timeout, principal, access, Optional.empty(), true);
    }

    public QueryRequest withAsOf(AsOf asOf)
    {
        return new QueryRequest(sql, parameters, maxRows, timeout, principal, access, Optional.of(asOf), writesAllowed);
    }

    public static QueryRequest of(String sql)
    {
        return new QueryRequest(sql, List.of(), OptionalInt.empty(), Optional.empty(), Optional.empty(), TableAccess.UNRESTRICTED);
    }
}
