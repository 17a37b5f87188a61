package dev.neurolake.server.security;

import dev.neurolake.governance.Role;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Who is calling: a user signed in with a session, a program with an API key, or an SSO user
 * with a JWT. {@code permissions} are the role permissions, narrowed by an API key's scopes.
 */
public record NeuroLakePrincipal(String username, Set<Role> roles, Set<Permission> permissions, Set<String> groups, Method method, Optional<String> apiKeyId)
{
    public NeuroLakePrincipal
    {
        requireNonNull(username, "username is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        permissions = Set.copyOf(requireNonNull(permissions, "permissions is null"));
        groups = Set.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(method, "method is null");
        requireNonNull(apiKeyId, "apiKeyId is null");
    }

    /** How the principal authenticated. */
    public enum Method
    {
        SESSION, API_KEY, JWT
    }

    public boolean has(Permission permission)
    {
        return permissions.contains(permission);
    }

    public boolean isAdmin()
    {
        return roles.contains(Role.ADMIN);
    }

    /** Whether grants limit which tables this principal sees. */
    public boolean restricted()
    {
        return roles.stream().allMatch(Role::restricted);
    }
}
