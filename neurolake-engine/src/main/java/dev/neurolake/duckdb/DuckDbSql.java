package dev.neurolake.duckdb;

/** Quoting for SQL text NeuroLake itself generates for DuckDB. */
public final class DuckDbSql
{
    private DuckDbSql() {}

    /** A SQL identifier quoted for DuckDB. */
    public static String quote(String identifier)
    {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A SQL string literal for DuckDB. */
    public static String literal(String value)
    {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
