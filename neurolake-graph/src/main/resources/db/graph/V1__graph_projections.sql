-- Graph projections (mappings from lake tables to the graph) and their last run.
-- Runs unchanged on H2 and PostgreSQL. Versioned apart from the engine's migrations
-- (history table graph_schema_history), so the graph module owns its own schema.
CREATE TABLE graph_projection (
    name              VARCHAR(128)     NOT NULL PRIMARY KEY,
    mapping_json      VARCHAR(1000000) NOT NULL,
    created_by        VARCHAR(256),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    run_status        VARCHAR(32),
    run_started_at    TIMESTAMP WITH TIME ZONE,
    run_finished_at   TIMESTAMP WITH TIME ZONE,
    run_result_json   VARCHAR(1000000),
    run_error_code    VARCHAR(64),
    run_error_message VARCHAR(8000)
);
