package dev.neurolake.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A table's qualified name: namespace and table, both lower-case identifiers. SQL resolves
 * identifiers case-insensitively, so names are normalised once here.
 */
public record TableName(String namespace, String name)
{
    /** The namespace of tables named without one. */
    public static final String DEFAULT_NAMESPACE = "main";

    /** Names DuckDB gives its own catalogs and schemas: a namespace so named would shadow them. */
    private static final java.util.Set<String> RESERVED_NAMESPACES = java.util.Set.of("temp", "system", "memory", "information_schema", "pg_catalog", "nl_snapshots", "nl_staging");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

    public TableName
    {
        namespace = identifier(requireNonNull(namespace, "namespace is null"), "namespace");
        name = identifier(requireNonNull(name, "name is null"), "table");
        if (RESERVED_NAMESPACES.contains(namespace)) {
            throw new NeuroLakeException(ErrorCode.INVALID_IDENTIFIER, "Namespace name '" + namespace + "' is reserved", Map.of("name", namespace));
        }
    }

    /** Parses {@code table} or {@code namespace.table}. */
    public static TableName parse(String qualifiedName)
    {
        requireNonNull(qualifiedName, "qualifiedName is null");
        String[] parts = qualifiedName.trim().split("\\.", -1);
        return switch (parts.length) {
            case 1 -> new TableName(DEFAULT_NAMESPACE, parts[0]);
            case 2 -> new TableName(parts[0], parts[1]);
            default -> throw new NeuroLakeException(ErrorCode.INVALID_IDENTIFIER,
                    "Table name must be 'table' or 'namespace.table': '" + qualifiedName + "'",
                    Map.of("name", qualifiedName));
        };
    }

    /** Validates and lower-cases a namespace or table identifier. */
    public static String identifier(String value, String kind)
    {
        String normalized = value.toLowerCase(Locale.ROOT);
        if (!IDENTIFIER.matcher(normalized).matches()) {
            throw new NeuroLakeException(ErrorCode.INVALID_IDENTIFIER,
                    "Invalid " + kind + " name '" + value + "': use letters, digits and underscores, starting with a letter or underscore (at most 128)",
                    Map.of("name", value));
        }
        return normalized;
    }

    @Override
    public String toString()
    {
        return namespace + "." + name;
    }
}
