package dev.neurolake.governance;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An API key's public record. The secret itself is shown once at creation and stored only as a
 * hash.
 *
 * @param prefix the secret's first characters, to recognise a key in lists
 * @param scopes the permissions the key may use (a subset of its owner's), by name
 */
public record ApiKey(String id, String username, String name, String prefix, Set<String> scopes, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt, Instant createdAt)
{
    public ApiKey
    {
        requireNonNull(id, "id is null");
        requireNonNull(username, "username is null");
        requireNonNull(name, "name is null");
        requireNonNull(prefix, "prefix is null");
        scopes = Set.copyOf(requireNonNull(scopes, "scopes is null"));
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public boolean usableAt(Instant now)
    {
        return revokedAt.isEmpty() && expiresAt.map(expiry -> expiry.isAfter(now)).orElse(true);
    }

    /** A key just created, with its secret. */
    public record Created(ApiKey key, String secret)
    {
        public Created
        {
            requireNonNull(key, "key is null");
            requireNonNull(secret, "secret is null");
        }
    }
}
