package dev.neurolake.governance;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One audit log row.
 *
 * @param details JSON text with the action's specifics (SQL, tables, rows, ...)
 * @param previousHash the hash of the row before (all zeros for the first)
 * @param hash SHA-256 over this row's fields and {@code previousHash}
 */
public record AuditEvent(long sequence, Instant occurredAt, String principal, String action, String target, String outcome, String details, String previousHash, String hash)
{
    public AuditEvent
    {
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(target, "target is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(details, "details is null");
        requireNonNull(previousHash, "previousHash is null");
        requireNonNull(hash, "hash is null");
    }
}
