package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.Jdbc;

import javax.sql.DataSource;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** The query history in the metadata database, read newest first with keyset paging. */
public final class QueryHistory
{
    private static final int MAX_ERROR_LENGTH = 8000;

    private final Jdbc jdbc;

    public QueryHistory(DataSource dataSource)
    {
        this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource is null"));
    }

    /** Records a query that started; returns its start time as stored. */
    public Instant started(String queryId, Optional<String> principal, String sql)
    {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.update("INSERT INTO query_history (query_id, principal, sql_text, status, started_at) VALUES (?, ?, ?, ?, ?)",
                queryId, principal.orElse(null), sql, QueryStatus.RUNNING.name(), startedAt);
        return startedAt;
    }

    public void finished(String queryId, QueryStatus status, OptionalLong rows, long durationMillis, Optional<NeuroLakeException> error)
    {
        jdbc.update("UPDATE query_history SET status = ?, row_count = ?, duration_ms = ?, error_code = ?, error_message = ?, finished_at = ? WHERE query_id = ?",
                status.name(),
                rows.isPresent() ? rows.getAsLong() : null,
                durationMillis,
                error.map(e -> e.code().name()).orElse(null),
                error.map(e -> truncate(e.getMessage())).orElse(null),
                Instant.now(),
                queryId);
    }

    /** Adds rows fetched through a cursor after the first page. */
    public void addRows(String queryId, long rows)
    {
        jdbc.update("UPDATE query_history SET row_count = COALESCE(row_count, 0) + ? WHERE query_id = ?", rows, queryId);
    }

    public Optional<HistoryEntry> find(String queryId)
    {
        return jdbc.queryOne("SELECT * FROM query_history WHERE query_id = ?", QueryHistory::entry, queryId);
    }

    /** A page of history, newest first, optionally only one principal's queries. */
    public HistoryPage page(Optional<String> principal, int limit, Optional<String> pageToken)
    {
        if (limit < 1 || limit > 1000) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and 1000", Map.of("limit", limit));
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM query_history WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        principal.ifPresent(name -> {
            sql.append(" AND principal = ?");
            arguments.add(name);
        });
        pageToken.map(QueryHistory::decodeToken).ifPresent(token -> {
            sql.append(" AND (started_at < ? OR (started_at = ? AND query_id < ?))");
            arguments.add(token.startedAt());
            arguments.add(token.startedAt());
            arguments.add(token.queryId());
        });
        sql.append(" ORDER BY started_at DESC, query_id DESC LIMIT ").append(limit + 1);
        List<HistoryEntry> entries = jdbc.query(sql.toString(), QueryHistory::entry, arguments.toArray());
        if (entries.size() <= limit) {
            return new HistoryPage(entries, Optional.empty());
        }
        List<HistoryEntry> page = entries.subList(0, limit);
        HistoryEntry last = page.getLast();
        return new HistoryPage(page, Optional.of(encodeToken(new PageToken(last.startedAt(), last.queryId()))));
    }

    private static HistoryEntry entry(ResultSet resultSet)
            throws SQLException
    {
        return new HistoryEntry(
                resultSet.getString("query_id"),
                Optional.ofNullable(resultSet.getString("principal")),
                resultSet.getString("sql_text"),
                QueryStatus.valueOf(resultSet.getString("status")),
                optionalLong(resultSet, "row_count"),
                optionalLong(resultSet, "duration_ms"),
                Optional.ofNullable(resultSet.getString("error_code")),
                Optional.ofNullable(resultSet.getString("error_message")),
                Jdbc.instant(resultSet, "started_at").orElseThrow(),
                Jdbc.instant(resultSet, "finished_at"));
    }

    private static OptionalLong optionalLong(ResultSet resultSet, String column)
            throws SQLException
    {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static String truncate(String message)
    {
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
    }

    private static String encodeToken(PageToken token)
    {
        String raw = token.startedAt().getEpochSecond() + ":" + token.startedAt().getNano() + ":" + token.queryId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static PageToken decodeToken(String token)
    {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            return new PageToken(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        }
        catch (RuntimeException e) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Invalid pageToken", Map.of("pageToken", token), e);
        }
    }

    private record PageToken(Instant startedAt, String queryId) {}
}
