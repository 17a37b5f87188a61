-- One row per query run through the SQL API. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE query_history (
    query_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    principal     VARCHAR(256),
    sql_text      VARCHAR(1000000) NOT NULL,
    status        VARCHAR(32)   NOT NULL,
    row_count     BIGINT,
    duration_ms   BIGINT,
    error_code    VARCHAR(64),
    error_message VARCHAR(8000),
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX query_history_started_idx ON query_history (started_at, query_id);
