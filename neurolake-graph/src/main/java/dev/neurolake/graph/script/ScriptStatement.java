package dev.neurolake.graph.script;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a Cypher script.
 *
 * @param number its position in the script, from 1
 * @param line the line it starts on, from 1
 */
public record ScriptStatement(int number, int line, String text)
{
    public ScriptStatement
    {
        requireNonNull(text, "text is null");
    }

    /** The start of the statement, for error messages. */
    public String excerpt()
    {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
