package dev.neurolake.governance;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.Jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Users and their roles in the metadata database. */
public final class UserStore
{
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    private final Jdbc jdbc;

    public UserStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public long count()
    {
        return jdbc.queryOne("SELECT count(*) FROM users", row -> row.getLong(1)).orElse(0L);
    }

    public User create(String username, String passwordHash, Set<Role> roles)
    {
        validateUsername(username);
        if (roles.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "A user needs at least one role", Map.of("username", username));
        }
        if (find(username).isPresent()) {
            throw new NeuroLakeException(ErrorCode.CONFLICT, "User '" + username + "' already exists", Map.of("username", username));
        }
        Instant now = Instant.now();
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "INSERT INTO users (username, password_hash, enabled, failed_logins, created_at, updated_at) VALUES (?, ?, TRUE, 0, ?, ?)",
                    username, passwordHash, now, now);
            insertRoles(connection, username, roles);
            return null;
        });
        return require(username);
    }

    public Optional<User> find(String username)
    {
        return jdbc.queryOne("SELECT * FROM users WHERE username = ?", row -> user(row, rolesOf(row.getString("username"))), username);
    }

    public User require(String username)
    {
        return find(username).orElseThrow(() -> new NeuroLakeException(ErrorCode.NOT_FOUND, "User '" + username + "' does not exist", Map.of("username", username)));
    }

    public Optional<String> passwordHash(String username)
    {
        return jdbc.queryOne("SELECT password_hash FROM users WHERE username = ?", row -> row.getString(1), username);
    }

    public List<User> list()
    {
        return jdbc.query("SELECT username FROM users ORDER BY username", row -> row.getString(1)).stream().map(this::require).toList();
    }

    public void setPassword(String username, String passwordHash)
    {
        require(username);
        jdbc.update("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE username = ?", passwordHash, Instant.now(), username);
    }

    public void setEnabled(String username, boolean enabled)
    {
        require(username);
        jdbc.update("UPDATE users SET enabled = ?, updated_at = ? WHERE username = ?", enabled, Instant.now(), username);
    }

    public void setRoles(String username, Set<Role> roles)
    {
        require(username);
        if (roles.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "A user needs at least one role", Map.of("username", username));
        }
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "DELETE FROM user_roles WHERE username = ?", username);
            insertRoles(connection, username, roles);
            Jdbc.update(connection, "UPDATE users SET updated_at = ? WHERE username = ?", Instant.now(), username);
            return null;
        });
    }

    /** Counts a failed login; after {@code maxAttempts} in a row the account locks for {@code lockDuration}. */
    public User recordFailedLogin(String username, int maxAttempts, Duration lockDuration)
    {
        Instant now = Instant.now();
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "UPDATE users SET failed_logins = failed_logins + 1, updated_at = ? WHERE username = ?", now, username);
            Jdbc.update(connection, "UPDATE users SET locked_until = ?, failed_logins = 0 WHERE username = ? AND failed_logins >= ?", now.plus(lockDuration), username, maxAttempts);
            return null;
        });
        return require(username);
    }

    public void recordSuccessfulLogin(String username)
    {
        jdbc.update("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?", username);
    }

    private Set<Role> rolesOf(String username)
    {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.query("SELECT role FROM user_roles WHERE username = ?", row -> Role.valueOf(row.getString(1)), username).forEach(roles::add);
        return roles;
    }

    private static void insertRoles(Connection connection, String username, Set<Role> roles)
            throws SQLException
    {
        for (Role role : roles) {
            Jdbc.update(connection, "INSERT INTO user_roles (username, role) VALUES (?, ?)", username, role.name());
        }
    }

    private static User user(ResultSet row, Set<Role> roles)
            throws SQLException
    {
        return new User(row.getString("username"), roles, row.getBoolean("enabled"), row.getInt("failed_logins"),
                Jdbc.instant(row, "locked_until"), Jdbc.instant(row, "created_at").orElseThrow());
    }

    static void validateUsername(String username)
    {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Invalid name '" + username + "': use 1-128 letters, digits, '.', '_', '@' or '-'", Map.of("name", String.valueOf(username)));
        }
    }
}
