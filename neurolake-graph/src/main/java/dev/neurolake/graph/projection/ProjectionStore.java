package dev.neurolake.graph.projection;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Projections and their last run, in the metadata database (H2 or PostgreSQL), so every
 * NeuroLake server sharing that database lists the same projections.
 */
public final class ProjectionStore
{
    private static final int MAX_ERROR_LENGTH = 8000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;

    public ProjectionStore(DataSource dataSource)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * Creates or updates the graph module's tables. They have their own migration history, so
     * their versions never collide with the engine's.
     */
    public static int migrate(DataSource dataSource)
    {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/graph")
                .table("graph_schema_history")
                // The database already holds the engine's tables: start this history from scratch beside them.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** Stores a mapping, replacing one of the same name but keeping its creation and last run. */
    public void save(ProjectionMapping mapping, Optional<String> principal)
    {
        String json = JSON.writeValueAsString(mapping);
        OffsetDateTime now = utc(Instant.now());
        inTransaction(connection -> {
            int updated = update(connection, "UPDATE graph_projection SET mapping_json = ?, updated_at = ? WHERE name = ?", json, now, mapping.name());
            if (updated == 0) {
                update(connection, "INSERT INTO graph_projection (name, mapping_json, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                        mapping.name(), json, principal.orElse(null), now, now);
            }
            return null;
        });
    }

    public void started(String name, Instant startedAt)
    {
        inTransaction(connection -> update(connection,
                "UPDATE graph_projection SET run_status = 'RUNNING', run_started_at = ?, run_finished_at = NULL, run_result_json = NULL, run_error_code = NULL, run_error_message = NULL WHERE name = ?",
                utc(startedAt), name));
    }

    public void succeeded(String name, ProjectionRun run)
    {
        inTransaction(connection -> update(connection, "UPDATE graph_projection SET run_status = 'SUCCEEDED', run_finished_at = ?, run_result_json = ? WHERE name = ?",
                utc(Instant.now()), JSON.writeValueAsString(run), name));
    }

    public void failed(String name, NeuroLakeException error)
    {
        String message = error.getMessage().length() > MAX_ERROR_LENGTH ? error.getMessage().substring(0, MAX_ERROR_LENGTH) : error.getMessage();
        inTransaction(connection -> update(connection, "UPDATE graph_projection SET run_status = 'FAILED', run_finished_at = ?, run_error_code = ?, run_error_message = ? WHERE name = ?",
                utc(Instant.now()), error.code().name(), message, name));
    }

    public Optional<ProjectionInfo> find(String name)
    {
        return select("SELECT * FROM graph_projection WHERE name = ?", name).stream().findFirst();
    }

    /** Every projection, by name. */
    public List<ProjectionInfo> list()
    {
        return select("SELECT * FROM graph_projection ORDER BY name");
    }

    private List<ProjectionInfo> select(String sql, Object... arguments)
    {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, arguments);
                List<ProjectionInfo> projections = new ArrayList<>();
                try (ResultSet resultSet = statement.executeQuery()) {
                    while (resultSet.next()) {
                        projections.add(info(resultSet));
                    }
                }
                return projections;
            }
        });
    }

    private static ProjectionInfo info(ResultSet resultSet)
            throws SQLException
    {
        ProjectionMapping mapping = JSON.readValue(resultSet.getString("mapping_json"), ProjectionMapping.class);
        Optional<ProjectionInfo.LastRun> lastRun = Optional.empty();
        String status = resultSet.getString("run_status");
        if (status != null) {
            String result = resultSet.getString("run_result_json");
            lastRun = Optional.of(new ProjectionInfo.LastRun(
                    status,
                    instant(resultSet, "run_started_at").orElseThrow(),
                    instant(resultSet, "run_finished_at"),
                    Optional.ofNullable(result).map(json -> JSON.readValue(json, ProjectionRun.class)),
                    Optional.ofNullable(resultSet.getString("run_error_code")),
                    Optional.ofNullable(resultSet.getString("run_error_message"))));
        }
        return new ProjectionInfo(mapping, Optional.ofNullable(resultSet.getString("created_by")),
                instant(resultSet, "created_at").orElseThrow(), instant(resultSet, "updated_at").orElseThrow(), lastRun);
    }

    private static Optional<Instant> instant(ResultSet resultSet, String column)
            throws SQLException
    {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    private static int update(Connection connection, String sql, Object... arguments)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... arguments)
            throws SQLException
    {
        for (int index = 0; index < arguments.length; index++) {
            statement.setObject(index + 1, arguments[index]);
        }
    }

    private <T> T inTransaction(SqlWork<T> work)
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
            throw new NeuroLakeException(ErrorCode.INTERNAL_ERROR, "Metadata database failed: " + e.getMessage(), Map.of(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant)
    {
        // Microseconds: what both H2 and PostgreSQL keep.
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface SqlWork<T>
    {
        T run(Connection connection)
                throws SQLException;
    }
}
