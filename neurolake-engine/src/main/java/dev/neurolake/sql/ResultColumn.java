package dev.neurolake.sql;

import static java.util.Objects.requireNonNull;

/** A result column: its name and DuckDB SQL type, e.g. {@code DECIMAL(15,2)}. */
public record ResultColumn(String name, String type)
{
    public ResultColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
