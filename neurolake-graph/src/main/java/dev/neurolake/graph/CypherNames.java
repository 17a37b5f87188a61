package dev.neurolake.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Labels, relationship types and property keys in Cypher that NeuroLake generates. They cannot
 * be parameters, so they are checked to be plain identifiers and quoted with backticks as well.
 */
public final class CypherNames
{
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private CypherNames() {}

    /** An identifier quoted for Cypher. */
    public static String quote(String identifier)
    {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** The quoted name of the uniqueness constraint NeuroLake creates for a label's key property. */
    public static String constraintName(String label, String keyProperty)
    {
        return quote("neurolake_" + require(label, "label", ErrorCode.INVALID_IDENTIFIER) + "_" + require(keyProperty, "key property", ErrorCode.INVALID_IDENTIFIER));
    }

    /** Checks that a label, type or property key is a plain identifier; fails with {@code code} naming {@code kind}. */
    public static String require(String identifier, String kind, ErrorCode code)
    {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new NeuroLakeException(code, "Invalid " + kind + " '" + identifier + "': use letters, digits and underscores, starting with a letter or underscore (at most 128)",
                    Map.of("name", String.valueOf(identifier)));
        }
        return identifier;
    }
}
