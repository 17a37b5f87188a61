package dev.neurolake.lake;

import static java.util.Objects.requireNonNull;

/** One column of a lake table: its Iceberg field id, name, SQL type and nullability. */
public record ColumnInfo(int id, String name, String type, boolean nullable)
{
    public ColumnInfo
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
