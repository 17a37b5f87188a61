package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.ApiKey;
import dev.neurolake.governance.Governance;
import dev.neurolake.governance.Role;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.governance.User;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Builds principals from users, API keys and SSO claims, and answers which tables they may touch. */
@Component
public class Principals
{
    private final Governance governance;

    public Principals(Governance governance)
    {
        this.governance = requireNonNull(governance, "governance is null");
    }

    /** A signed-in user's principal as the database has it now: disabled users have none. */
    public Optional<NeuroLakePrincipal> forUser(String username)
    {
        return governance.users().find(username)
                .filter(User::enabled)
                .map(user -> new NeuroLakePrincipal(user.username(), user.roles(), RolePermissions.of(user.roles()), governance.groups().groupsOf(username),
                        NeuroLakePrincipal.Method.SESSION, Optional.empty()));
    }

    /** The principal of an API key: its owner's permissions narrowed to the key's scopes. */
    public Optional<NeuroLakePrincipal> forApiKey(String secret)
    {
        Optional<ApiKey> key = governance.apiKeys().authenticate(secret);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return forUser(key.get().username()).map(owner -> {
            Set<Permission> permissions = EnumSet.copyOf(owner.permissions());
            if (!key.get().scopes().isEmpty()) {
                permissions.removeIf(permission -> permission != Permission.PUBLIC && !key.get().scopes().contains(permission.name()));
            }
            return new NeuroLakePrincipal(owner.username(), owner.roles(), permissions, owner.groups(), NeuroLakePrincipal.Method.API_KEY, Optional.of(key.get().id()));
        });
    }

    /** An SSO user: roles come from the token; groups and grants from NeuroLake if the user is known there. */
    public NeuroLakePrincipal forSso(String username, Set<Role> roles)
    {
        return new NeuroLakePrincipal(username, roles, RolePermissions.of(roles), governance.groups().groupsOf(username), NeuroLakePrincipal.Method.JWT, Optional.empty());
    }

    public TableAccess tableAccess(NeuroLakePrincipal principal)
    {
        if (!principal.restricted()) {
            return TableAccess.UNRESTRICTED;
        }
        return TableAccess.restrictedTo(governance.grants().grantsFor(principal.username(), principal.groups()));
    }

    /** The principal of the request being handled. */
    public static NeuroLakePrincipal current()
    {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof NeuroLakePrincipal principal) {
            return principal;
        }
        throw new NeuroLakeException(ErrorCode.UNAUTHENTICATED, "Sign in or send an API key");
    }

    public static String currentName()
    {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof NeuroLakePrincipal principal ? principal.username() : "anonymous";
    }
}
