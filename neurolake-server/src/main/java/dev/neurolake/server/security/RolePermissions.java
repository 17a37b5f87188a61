package dev.neurolake.server.security;

import dev.neurolake.governance.Role;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The permissions each role holds: the one place roles are defined. */
public final class RolePermissions
{
    private static final Map<Role, Set<Permission>> PERMISSIONS = Map.of(
            Role.VIEWER, EnumSet.of(Permission.AUTHENTICATED, Permission.METADATA_READ),
            // An analyst's DATA_WRITE reaches only tables their WRITE grants cover.
            Role.ANALYST, EnumSet.of(Permission.AUTHENTICATED, Permission.METADATA_READ, Permission.DATA_READ, Permission.DATA_WRITE, Permission.GRAPH_READ),
            Role.ENGINEER, EnumSet.of(Permission.AUTHENTICATED, Permission.METADATA_READ, Permission.DATA_READ, Permission.DATA_WRITE, Permission.GRAPH_READ, Permission.GRAPH_WRITE),
            Role.ADMIN, EnumSet.allOf(Permission.class));

    private RolePermissions() {}

    public static Set<Permission> of(Collection<Role> roles)
    {
        Set<Permission> permissions = EnumSet.of(Permission.PUBLIC);
        roles.forEach(role -> permissions.addAll(PERMISSIONS.get(role)));
        return permissions;
    }
}
