package dev.neurolake.metadata;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A throw-away database on the PostgreSQL server at 127.0.0.1:5432 (user {@code postgres}, or
 * {@code NEUROLAKE_TEST_POSTGRES_URL}/{@code _USER}/{@code _PASSWORD}). Tests that need one
 * are skipped, with a message, when the server is not reachable.
 */
public final class TestPostgres
        implements AutoCloseable
{
    private static final String SERVER_URL = System.getenv().getOrDefault("NEUROLAKE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("NEUROLAKE_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("NEUROLAKE_TEST_POSTGRES_PASSWORD", "");

    private final String database;

    private TestPostgres(String database)
    {
        this.database = database;
    }

    /** Creates a fresh database, or skips the calling test when PostgreSQL is unreachable. */
    public static TestPostgres createDatabase()
    {
        String database = "neurolake_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(SERVER_URL + "postgres?connectTimeout=3", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + SERVER_URL + " (" + e.getMessage() + "): skipping PostgreSQL metadata tests");
        }
        return new TestPostgres(database);
    }

    public MetadataConnection connection()
    {
        return new MetadataConnection(SERVER_URL + database, Optional.of(USER), Optional.of(PASSWORD));
    }

    @Override
    public void close()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(SERVER_URL + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
