package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which tables a principal may read and write. Unrestricted principals (admins, engineers) may
 * touch every table; restricted ones (analysts, viewers) only what their grants cover.
 */
public final class TableAccess
{
    /** Access to every table: for NeuroLake's own work and unrestricted roles. */
    public static final TableAccess UNRESTRICTED = new TableAccess(false, List.of());

    private final boolean restricted;
    private final List<Grant> grants;

    private TableAccess(boolean restricted, List<Grant> grants)
    {
        this.restricted = restricted;
        this.grants = List.copyOf(requireNonNull(grants, "grants is null"));
    }

    /** Access limited to the given grants. */
    public static TableAccess restrictedTo(List<Grant> grants)
    {
        return new TableAccess(true, grants);
    }

    public boolean canRead(TableName table)
    {
        return !restricted || grants.stream().anyMatch(grant -> covers(grant, table));
    }

    public boolean canWrite(TableName table)
    {
        return !restricted || grants.stream().anyMatch(grant -> grant.privilege() == Privilege.WRITE && covers(grant, table));
    }

    /** Whether any table in the namespace may be read. */
    public boolean canSeeNamespace(String namespace)
    {
        return !restricted || grants.stream().anyMatch(grant -> grant.namespace().equals(namespace));
    }

    public void checkRead(TableName table)
    {
        if (!canRead(table)) {
            throw denied(table, Privilege.READ);
        }
    }

    public void checkWrite(TableName table)
    {
        if (!canWrite(table)) {
            throw denied(table, Privilege.WRITE);
        }
    }

    private static boolean covers(Grant grant, TableName table)
    {
        return grant.namespace().equals(table.namespace()) && grant.table().map(name -> name.equals(table.name())).orElse(true);
    }

    private static NeuroLakeException denied(TableName table, Privilege privilege)
    {
        return new NeuroLakeException(ErrorCode.TABLE_ACCESS_DENIED, "No " + privilege + " grant on table '" + table + "'",
                Map.of("table", table.toString(), "privilege", privilege.name()));
    }
}
