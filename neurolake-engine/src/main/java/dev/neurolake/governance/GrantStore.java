package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;
import dev.neurolake.metadata.Jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** Table and namespace grants in the metadata database. */
public final class GrantStore
{
    private static final String WHOLE_NAMESPACE = "*";

    private final Jdbc jdbc;

    public GrantStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public Grant grant(Grant.GranteeType granteeType, String grantee, String namespace, Optional<String> table, Privilege privilege, String grantedBy)
    {
        String normalizedNamespace = TableName.identifier(namespace, "namespace");
        String tableName = table.map(name -> new TableName(normalizedNamespace, name).name()).orElse(WHOLE_NAMESPACE);
        Optional<Grant> existing = jdbc.queryOne("SELECT * FROM table_grants WHERE grantee_type = ? AND grantee = ? AND namespace = ? AND table_name = ? AND privilege = ?",
                GrantStore::grant, granteeType.name(), grantee, normalizedNamespace, tableName, privilege.name());
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO table_grants (grant_id, grantee_type, grantee, namespace, table_name, privilege, granted_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, granteeType.name(), grantee, normalizedNamespace, tableName, privilege.name(), grantedBy, Instant.now());
        return require(id);
    }

    public Grant revoke(String id)
    {
        Grant grant = require(id);
        jdbc.update("DELETE FROM table_grants WHERE grant_id = ?", id);
        return grant;
    }

    public Grant require(String id)
    {
        return jdbc.queryOne("SELECT * FROM table_grants WHERE grant_id = ?", GrantStore::grant, id)
                .orElseThrow(() -> new NeuroLakeException(ErrorCode.NOT_FOUND, "Grant '" + id + "' does not exist", Map.of("grantId", id)));
    }

    public List<Grant> list(Optional<String> grantee)
    {
        if (grantee.isPresent()) {
            return jdbc.query("SELECT * FROM table_grants WHERE grantee = ? ORDER BY namespace, table_name, grantee", GrantStore::grant, grantee.get());
        }
        return jdbc.query("SELECT * FROM table_grants ORDER BY namespace, table_name, grantee", GrantStore::grant);
    }

    /** Every grant that applies to a user directly or through one of their groups. */
    public List<Grant> grantsFor(String username, Collection<String> groups)
    {
        List<Grant> grants = new ArrayList<>(jdbc.query("SELECT * FROM table_grants WHERE grantee_type = 'USER' AND grantee = ?", GrantStore::grant, username));
        for (String group : groups) {
            grants.addAll(jdbc.query("SELECT * FROM table_grants WHERE grantee_type = 'GROUP' AND grantee = ?", GrantStore::grant, group));
        }
        return grants;
    }

    private static Grant grant(ResultSet row)
            throws SQLException
    {
        String table = row.getString("table_name");
        return new Grant(row.getString("grant_id"), Grant.GranteeType.valueOf(row.getString("grantee_type")), row.getString("grantee"), row.getString("namespace"),
                WHOLE_NAMESPACE.equals(table) ? Optional.empty() : Optional.of(table), Privilege.valueOf(row.getString("privilege")),
                row.getString("granted_by"), Jdbc.instant(row, "created_at").orElseThrow());
    }
}
