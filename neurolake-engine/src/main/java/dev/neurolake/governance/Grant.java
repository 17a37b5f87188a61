package dev.neurolake.governance;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A privilege on a whole namespace (no table) or on one table, for a user or a group.
 */
public record Grant(String id, GranteeType granteeType, String grantee, String namespace, Optional<String> table, Privilege privilege, String grantedBy, Instant createdAt)
{
    public Grant
    {
        requireNonNull(id, "id is null");
        requireNonNull(granteeType, "granteeType is null");
        requireNonNull(grantee, "grantee is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(table, "table is null");
        requireNonNull(privilege, "privilege is null");
        requireNonNull(grantedBy, "grantedBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** Who a grant is for. */
    public enum GranteeType
    {
        USER, GROUP
    }
}
