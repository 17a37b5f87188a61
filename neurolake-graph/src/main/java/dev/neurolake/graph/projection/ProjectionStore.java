package dev.neurolake.graph.projection;

import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.Jdbc;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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

    private final Jdbc jdbc;

    public ProjectionStore(DataSource dataSource)
    {
        this.jdbc = new Jdbc(requireNonNull(dataSource, "dataSource is null"));
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
        Instant now = now();
        jdbc.inTransaction(connection -> {
            int updated = Jdbc.update(connection, "UPDATE graph_projection SET mapping_json = ?, updated_at = ? WHERE name = ?", json, now, mapping.name());
            if (updated == 0) {
                Jdbc.update(connection, "INSERT INTO graph_projection (name, mapping_json, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                        mapping.name(), json, principal.orElse(null), now, now);
            }
            return null;
        });
    }

    public void started(String name, Instant startedAt)
    {
        jdbc.update("UPDATE graph_projection SET run_status = 'RUNNING', run_started_at = ?, run_finished_at = NULL, run_result_json = NULL, run_error_code = NULL, run_error_message = NULL WHERE name = ?",
                startedAt.truncatedTo(ChronoUnit.MICROS), name);
    }

    public void succeeded(String name, ProjectionRun run)
    {
        jdbc.update("UPDATE graph_projection SET run_status = 'SUCCEEDED', run_finished_at = ?, run_result_json = ? WHERE name = ?",
                now(), JSON.writeValueAsString(run), name);
    }

    public void failed(String name, NeuroLakeException error)
    {
        String message = error.getMessage().length() > MAX_ERROR_LENGTH ? error.getMessage().substring(0, MAX_ERROR_LENGTH) : error.getMessage();
        jdbc.update("UPDATE graph_projection SET run_status = 'FAILED', run_finished_at = ?, run_error_code = ?, run_error_message = ? WHERE name = ?",
                now(), error.code().name(), message, name);
    }

    public Optional<ProjectionInfo> find(String name)
    {
        return jdbc.queryOne("SELECT * FROM graph_projection WHERE name = ?", ProjectionStore::info, name);
    }

    /** Every projection, by name. */
    public List<ProjectionInfo> list()
    {
        return jdbc.query("SELECT * FROM graph_projection ORDER BY name", ProjectionStore::info);
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
                    Jdbc.instant(resultSet, "run_started_at").orElseThrow(),
                    Jdbc.instant(resultSet, "run_finished_at"),
                    Optional.ofNullable(result).map(json -> JSON.readValue(json, ProjectionRun.class)),
                    Optional.ofNullable(resultSet.getString("run_error_code")),
                    Optional.ofNullable(resultSet.getString("run_error_message"))));
        }
        return new ProjectionInfo(mapping, Optional.ofNullable(resultSet.getString("created_by")),
                Jdbc.instant(resultSet, "created_at").orElseThrow(), Jdbc.instant(resultSet, "updated_at").orElseThrow(), lastRun);
    }

    private static Instant now()
    {
        // Microseconds: what both H2 and PostgreSQL keep.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
