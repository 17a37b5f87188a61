package dev.neurolake.sql;

/** Where a query is in its life. */
public enum QueryStatus
{
    RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT
}
