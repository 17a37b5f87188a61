-- Users, groups, grants, API keys and the hash-chained audit log. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE users (
    username        VARCHAR(128) NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(512),
    enabled         BOOLEAN      NOT NULL,
    failed_logins   INTEGER      NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_roles (
    username VARCHAR(128) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    role     VARCHAR(32)  NOT NULL,
    PRIMARY KEY (username, role)
);

CREATE TABLE user_groups (
    name       VARCHAR(128) NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE group_members (
    group_name VARCHAR(128) NOT NULL REFERENCES user_groups (name) ON DELETE CASCADE,
    username   VARCHAR(128) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    PRIMARY KEY (group_name, username)
);

-- table_name '*' grants the whole namespace (NULL would defeat the unique constraint).
CREATE TABLE table_grants (
    grant_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    grantee_type VARCHAR(16)  NOT NULL,
    grantee      VARCHAR(128) NOT NULL,
    namespace    VARCHAR(128) NOT NULL,
    table_name   VARCHAR(128) NOT NULL,
    privilege    VARCHAR(16)  NOT NULL,
    granted_by   VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (grantee_type, grantee, namespace, table_name, privilege)
);

CREATE TABLE api_keys (
    key_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    username     VARCHAR(128) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    name         VARCHAR(128) NOT NULL,
    key_prefix   VARCHAR(32)  NOT NULL,
    key_hash     VARCHAR(128) NOT NULL UNIQUE,
    scopes       VARCHAR(1024) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_log (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    principal     VARCHAR(128)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    target        VARCHAR(1024) NOT NULL,
    outcome       VARCHAR(32)   NOT NULL,
    details       VARCHAR(1000000) NOT NULL,
    previous_hash VARCHAR(64)   NOT NULL,
    row_hash      VARCHAR(64)   NOT NULL
);

CREATE INDEX audit_log_principal_idx ON audit_log (principal, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

-- One row: the chain's head. Appenders lock it, so the chain stays linear across replicas.
CREATE TABLE audit_head (
    id       INTEGER     NOT NULL PRIMARY KEY,
    last_seq BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);

INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
