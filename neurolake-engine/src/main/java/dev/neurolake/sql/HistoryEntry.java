package dev.neurolake.sql;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** One query in the history. */
public record HistoryEntry(
        String queryId,
        Optional<String> principal,
        String sql,
        QueryStatus status,
        OptionalLong rows,
        OptionalLong durationMillis,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        Instant startedAt,
        Optional<Instant> finishedAt)
{
    public HistoryEntry
    {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(status, "status is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(durationMillis, "durationMillis is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }
}
