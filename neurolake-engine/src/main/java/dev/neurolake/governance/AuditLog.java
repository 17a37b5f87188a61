package dev.neurolake.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.Jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The append-only audit log. Each row stores the hash of the row before it, so editing or
 * deleting any row breaks the chain at that row, which {@link #verify()} reports.
 */
public final class AuditLog
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERIFY_BATCH = 1000;

    private final Jdbc jdbc;

    public AuditLog(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** Appends an event; the chain head row is locked, so appends stay linear across replicas. */
    public AuditEvent append(String principal, String action, String target, String outcome, Map<String, ?> details)
    {
        String detailsJson = json(details);
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return jdbc.inTransaction(connection -> {
            Head head = Jdbc.query(connection, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE",
                    row -> new Head(row.getLong(1), row.getString(2))).getFirst();
            long sequence = head.sequence() + 1;
            String hash = hash(sequence, occurredAt, principal, action, target, outcome, detailsJson, head.hash());
            Jdbc.update(connection, "INSERT INTO audit_log (seq, occurred_at, principal, action, target, outcome, details, previous_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sequence, occurredAt, principal, action, target, outcome, detailsJson, head.hash(), hash);
            Jdbc.update(connection, "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", sequence, hash);
            return new AuditEvent(sequence, occurredAt, principal, action, target, outcome, detailsJson, head.hash(), hash);
        });
    }

    /** A page of events, newest first, filtered; {@code before} is the sequence to continue below. */
    public List<AuditEvent> page(Optional<String> principal, Optional<String> action, Optional<Instant> from, Optional<Instant> to, Optional<Long> before, int limit)
    {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        principal.ifPresent(value -> {
            sql.append(" AND principal = ?");
            arguments.add(value);
        });
        action.ifPresent(value -> {
            sql.append(" AND action = ?");
            arguments.add(value);
        });
        from.ifPresent(value -> {
            sql.append(" AND occurred_at >= ?");
            arguments.add(value);
        });
        to.ifPresent(value -> {
            sql.append(" AND occurred_at < ?");
            arguments.add(value);
        });
        before.ifPresent(value -> {
            sql.append(" AND seq < ?");
            arguments.add(value);
        });
        sql.append(" ORDER BY seq DESC LIMIT ").append(limit);
        return jdbc.query(sql.toString(), AuditLog::event, arguments.toArray());
    }

    /** Walks the whole chain; reports the first row whose hash or link does not hold. */
    public Verification verify()
    {
        String expectedPrevious = zeroHash();
        long expectedSequence = 1;
        long checked = 0;
        while (true) {
            List<AuditEvent> batch = jdbc.query("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT " + VERIFY_BATCH, AuditLog::event, expectedSequence);
            for (AuditEvent event : batch) {
                if (event.sequence() != expectedSequence) {
                    return Verification.broken(checked, expectedSequence, "row " + expectedSequence + " is missing");
                }
                if (!event.previousHash().equals(expectedPrevious)) {
                    return Verification.broken(checked, event.sequence(), "row " + event.sequence() + " does not link to the row before it");
                }
                String recomputed = hash(event.sequence(), event.occurredAt(), event.principal(), event.action(), event.target(), event.outcome(), event.details(), event.previousHash());
                if (!recomputed.equals(event.hash())) {
                    return Verification.broken(checked, event.sequence(), "row " + event.sequence() + " was changed after it was written");
                }
                expectedPrevious = event.hash();
                expectedSequence++;
                checked++;
            }
            if (batch.size() < VERIFY_BATCH) {
                Head head = jdbc.queryOne("SELECT last_seq, last_hash FROM audit_head WHERE id = 1", row -> new Head(row.getLong(1), row.getString(2))).orElseThrow();
                if (head.sequence() != checked) {
                    return Verification.broken(checked, checked + 1, "rows after " + checked + " are missing");
                }
                return new Verification(true, checked, Optional.empty(), Optional.empty());
            }
        }
    }

    /** The outcome of {@link #verify()}. */
    public record Verification(boolean intact, long rowsChecked, Optional<Long> firstBrokenSequence, Optional<String> reason)
    {
        public Verification
        {
            requireNonNull(firstBrokenSequence, "firstBrokenSequence is null");
            requireNonNull(reason, "reason is null");
        }

        static Verification broken(long checked, long sequence, String reason)
        {
            return new Verification(false, checked, Optional.of(sequence), Optional.of(reason));
        }
    }

    private record Head(long sequence, String hash) {}

    private static AuditEvent event(ResultSet row)
            throws SQLException
    {
        return new AuditEvent(row.getLong("seq"), Jdbc.instant(row, "occurred_at").orElseThrow(), row.getString("principal"), row.getString("action"),
                row.getString("target"), row.getString("outcome"), row.getString("details"), row.getString("previous_hash"), row.getString("row_hash"));
    }

    static String hash(long sequence, Instant occurredAt, String principal, String action, String target, String outcome, String details, String previousHash)
    {
        return Hashes.sha256(String.join("\u001f", Long.toString(sequence), occurredAt.toString(), principal, action, target, outcome, details, previousHash));
    }

    private static String zeroHash()
    {
        return "0".repeat(64);
    }

    private static String json(Map<String, ?> details)
    {
        try {
            return JSON.writeValueAsString(details);
        }
        catch (JsonProcessingException e) {
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Cannot write audit details: " + e.getMessage(), e);
        }
    }
}
