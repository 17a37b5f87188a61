package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.Jdbc;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * API keys ({@code nlk_...}) for programs. A key is 256 random bits, so a fast SHA-256 hash is
 * enough to store it safely (slow password hashes guard low-entropy secrets) and lets each
 * request find its key with one indexed lookup.
 */
public final class ApiKeyStore
{
    public static final String PREFIX = "nlk_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Writing last-used on every request would turn reads into writes; once a minute is enough. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Jdbc jdbc;

    public ApiKeyStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public ApiKey.Created create(String username, String name, Set<String> scopes, Optional<Instant> expiresAt)
    {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "An API key needs a name of 1-128 characters", Map.of());
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO api_keys (key_id, username, name, key_prefix, key_hash, scopes, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, username, name, secret.substring(0, PREFIX.length() + 6), hash(secret), String.join(",", new TreeSet<>(scopes)), expiresAt.orElse(null), Instant.now());
        return new ApiKey.Created(require(id), secret);
    }

    /** The usable key with this secret, recording that it was used. */
    public Optional<ApiKey> authenticate(String secret)
    {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<ApiKey> key = jdbc.queryOne("SELECT * FROM api_keys WHERE key_hash = ?", ApiKeyStore::key, hash(secret))
                .filter(found -> found.usableAt(now));
        key.filter(found -> found.lastUsedAt().map(last -> last.plus(LAST_USED_RESOLUTION).isBefore(now)).orElse(true))
                .ifPresent(found -> jdbc.update("UPDATE api_keys SET last_used_at = ? WHERE key_id = ?", now, found.id()));
        return key;
    }

    public ApiKey require(String id)
    {
        return jdbc.queryOne("SELECT * FROM api_keys WHERE key_id = ?", ApiKeyStore::key, id)
                .orElseThrow(() -> new NeuroLakeException(ErrorCode.NOT_FOUND, "API key '" + id + "' does not exist", Map.of("keyId", id)));
    }

    public List<ApiKey> list(Optional<String> username)
    {
        if (username.isPresent()) {
            return jdbc.query("SELECT * FROM api_keys WHERE username = ? ORDER BY created_at", ApiKeyStore::key, username.get());
        }
        return jdbc.query("SELECT * FROM api_keys ORDER BY username, created_at", ApiKeyStore::key);
    }

    public ApiKey revoke(String id)
    {
        require(id);
        jdbc.update("UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", Instant.now(), id);
        return require(id);
    }

    static String hash(String secret)
    {
        return Hashes.sha256(secret);
    }

    private static ApiKey key(ResultSet row)
            throws SQLException
    {
        String scopes = row.getString("scopes");
        return new ApiKey(row.getString("key_id"), row.getString("username"), row.getString("name"), row.getString("key_prefix"),
                scopes.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(scopes.split(","))),
                Jdbc.instant(row, "expires_at"), Jdbc.instant(row, "last_used_at"), Jdbc.instant(row, "revoked_at"), Jdbc.instant(row, "created_at").orElseThrow());
    }
}
