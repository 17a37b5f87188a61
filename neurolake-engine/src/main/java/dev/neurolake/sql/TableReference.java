package dev.neurolake.sql;

import dev.neurolake.lake.TableName;

import static java.util.Objects.requireNonNull;

/** A lake table a statement reads, and where in the statement it is named (0-based offset). */
public record TableReference(TableName table, int position)
{
    public TableReference
    {
        requireNonNull(table, "table is null");
    }
}
