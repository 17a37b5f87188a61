package dev.neurolake.server.security;

/**
 * What an endpoint requires of its caller. Roles map to sets of permissions; table-level
 * grants narrow {@link #DATA_READ} and {@link #DATA_WRITE} further for restricted roles.
 */
public enum Permission
{
    /** Anyone, even unauthenticated (login). */
    PUBLIC,
    /** Any signed-in principal (their own profile and API keys). */
    AUTHENTICATED,
    /** Browse metadata: namespaces, tables, schemas, snapshots, graph schema. */
    METADATA_READ,
    /** Read table data: previews, SQL read queries, own query history. */
    DATA_READ,
    /** Create, load, change and drop tables. */
    DATA_WRITE,
    /** Read the knowledge graph with Cypher. */
    GRAPH_READ,
    /** Change the knowledge graph: writes, projections, imports. */
    GRAPH_WRITE,
    /** Users, groups, grants, API keys of others, audit log, maintenance. */
    ADMIN
}
