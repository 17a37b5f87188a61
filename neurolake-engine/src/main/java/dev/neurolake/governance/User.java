package dev.neurolake.governance;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** A NeuroLake user (the password hash stays in {@link UserStore}). */
public record User(String username, Set<Role> roles, boolean enabled, int failedLogins, Optional<Instant> lockedUntil, Instant createdAt)
{
    public User
    {
        requireNonNull(username, "username is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(lockedUntil, "lockedUntil is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public boolean lockedAt(Instant now)
    {
        return lockedUntil.map(until -> until.isAfter(now)).orElse(false);
    }

    /** Whether grants limit this user: only when every role they hold is restricted. */
    public boolean restricted()
    {
        return roles.stream().allMatch(Role::restricted);
    }
}
