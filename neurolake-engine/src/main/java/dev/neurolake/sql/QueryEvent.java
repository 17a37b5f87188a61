package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.lake.TableName;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A finished query: who ran what over which tables, and how it ended. */
public record QueryEvent(String queryId, Optional<String> principal, String sql, List<TableName> tables, OptionalLong rows, long durationMillis, QueryStatus status, Optional<ErrorCode> errorCode)
{
    public QueryEvent
    {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(sql, "sql is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        requireNonNull(rows, "rows is null");
        requireNonNull(status, "status is null");
        requireNonNull(errorCode, "errorCode is null");
    }
}
