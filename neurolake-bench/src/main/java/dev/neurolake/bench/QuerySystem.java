package dev.neurolake.bench;

/** Something that answers SQL over the TPC-H tables: NeuroLake over HTTP, or plain DuckDB. */
interface QuerySystem
{
    String name();

    /** Runs the query, reads every row of its result, and says how long that took. */
    QueryExecution execute(String sql);
}
