package dev.neurolake.sql;

import dev.neurolake.lake.TableName;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** A read statement that passed analysis, with every lake table it references. */
public record AnalyzedQuery(String sql, List<TableReference> references)
{
    public AnalyzedQuery
    {
        requireNonNull(sql, "sql is null");
        references = List.copyOf(requireNonNull(references, "references is null"));
    }

    /** The distinct tables referenced, in order of first mention. */
    public Set<TableName> tables()
    {
        Set<TableName> tables = new LinkedHashSet<>();
        references.forEach(reference -> tables.add(reference.table()));
        return tables;
    }
}
