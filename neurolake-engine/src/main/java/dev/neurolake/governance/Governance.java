package dev.neurolake.governance;

import dev.neurolake.metadata.Jdbc;

import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/** The governance stores, all in the metadata database. */
public record Governance(UserStore users, GroupStore groups, GrantStore grants, ApiKeyStore apiKeys, AuditLog audit)
{
    public Governance
    {
        requireNonNull(users, "users is null");
        requireNonNull(groups, "groups is null");
        requireNonNull(grants, "grants is null");
        requireNonNull(apiKeys, "apiKeys is null");
        requireNonNull(audit, "audit is null");
    }

    public static Governance on(DataSource metadata)
    {
        Jdbc jdbc = new Jdbc(metadata);
        return new Governance(new UserStore(jdbc), new GroupStore(jdbc), new GrantStore(jdbc), new ApiKeyStore(jdbc), new AuditLog(jdbc));
    }
}
