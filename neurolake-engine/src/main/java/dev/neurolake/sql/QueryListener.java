package dev.neurolake.sql;

/** Told about every query that finished, whatever its outcome. */
@FunctionalInterface
public interface QueryListener
{
    void completed(QueryEvent event);
}
