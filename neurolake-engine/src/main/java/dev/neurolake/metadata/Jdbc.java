package dev.neurolake.metadata;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Small JDBC helpers for the metadata database: statements with positional arguments, rows
 * mapped to records, transactions. A database failure is reported as the service being
 * unavailable, never hidden.
 */
public final class Jdbc
{
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T>
    {
        T map(ResultSet row)
                throws SQLException;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T>
    {
        T run(Connection connection)
                throws SQLException;
    }

    public int update(String sql, Object... arguments)
    {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, arguments);
        }
        catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... arguments)
    {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, mapper, arguments);
        }
        catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... arguments)
    {
        return query(sql, mapper, arguments).stream().findFirst();
    }

    public <T> T inTransaction(TransactionWork<T> work)
    {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public static int update(Connection connection, String sql, Object... arguments)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            return statement.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... arguments)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            List<T> rows = new ArrayList<>();
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    rows.add(mapper.map(resultSet));
                }
            }
            return rows;
        }
    }

    /** Timestamps are stored in UTC. */
    public static OffsetDateTime utc(Instant instant)
    {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Optional<Instant> instant(ResultSet row, String column)
            throws SQLException
    {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static void bind(PreparedStatement statement, Object... arguments)
            throws SQLException
    {
        for (int index = 0; index < arguments.length; index++) {
            Object argument = arguments[index];
            statement.setObject(index + 1, argument instanceof Instant instant ? utc(instant) : argument);
        }
    }

    private static NeuroLakeException unavailable(SQLException e)
    {
        return new NeuroLakeException(ErrorCode.SERVICE_UNAVAILABLE, "Metadata database error: " + e.getMessage(), e);
    }
}
