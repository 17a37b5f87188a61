package dev.neurolake.lake;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Rows produced by a SELECT that NeuroLake itself wrote (demo data, maintenance). */
public record QuerySource(String select, String description)
        implements RowSource
{
    public QuerySource
    {
        requireNonNull(select, "select is null");
        requireNonNull(description, "description is null");
    }

    @Override
    public String relation(Map<String, String> typeHints)
    {
        return "(" + select + ")";
    }
}
