package dev.neurolake.graph.script;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits a Cypher script into statements at semicolons outside strings, quoted names and
 * comments. A script without semicolons is one statement, as in Neo4j's movies example.
 * cypher-shell's {@code :begin}, {@code :commit} and {@code :rollback} lines (which exports
 * contain) are skipped: NeuroLake batches statements into transactions itself. Other
 * cypher-shell commands are refused.
 */
public final class CypherScript
{
    private static final Set<String> IGNORED_COMMANDS = Set.of(":begin", ":commit", ":rollback");

    private CypherScript() {}

    public static List<ScriptStatement> parse(String script)
    {
        List<ScriptStatement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int startLine = 1;
        int line = 1;
        int index = 0;
        int length = script.length();
        while (index < length) {
            char character = script.charAt(index);
            char next = index + 1 < length ? script.charAt(index + 1) : '\0';
            if (character == ':' && !hasCode && atLineStart(script, index)) {
                int end = lineEnd(script, index);
                String command = script.substring(index, end).strip();
                String name = command.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                if (!IGNORED_COMMANDS.contains(name)) {
                    throw new NeuroLakeException(ErrorCode.IMPORT_FAILED, "Line " + line + ": cypher-shell command " + name + " is not supported in a script import",
                            Map.of("line", line, "command", name));
                }
                current.setLength(0);
                index = end;
                continue;
            }
            if (character == '/' && next == '/') {
                int end = lineEnd(script, index);
                current.append(script, index, end);
                index = end;
                continue;
            }
            if (character == '/' && next == '*') {
                int end = script.indexOf("*/", index + 2);
                end = end < 0 ? length : end + 2;
                line += count(script, index, end, '\n');
                current.append(script, index, end);
                index = end;
                continue;
            }
            if (character == '\'' || character == '"' || character == '`') {
                if (!hasCode) {
                    hasCode = true;
                    startLine = line;
                }
                int end = quotedEnd(script, index, character);
                line += count(script, index, end, '\n');
                current.append(script, index, end);
                index = end;
                continue;
            }
            if (character == ';') {
                if (hasCode) {
                    statements.add(new ScriptStatement(statements.size() + 1, startLine, current.toString().strip()));
                }
                current.setLength(0);
                hasCode = false;
                index++;
                continue;
            }
            if (!Character.isWhitespace(character) && !hasCode) {
                hasCode = true;
                startLine = line;
            }
            if (character == '\n') {
                line++;
            }
            current.append(character);
            index++;
        }
        if (hasCode) {
            statements.add(new ScriptStatement(statements.size() + 1, startLine, current.toString().strip()));
        }
        return statements;
    }

    /** The index after a quoted string or name; backslashes escape in strings, doubled backticks in names. */
    private static int quotedEnd(String script, int start, char quote)
    {
        int index = start + 1;
        while (index < script.length()) {
            char character = script.charAt(index);
            if (character == '\\' && quote != '`') {
                index += 2;
                continue;
            }
            if (character == quote) {
                if (quote == '`' && index + 1 < script.length() && script.charAt(index + 1) == '`') {
                    index += 2;
                    continue;
                }
                return index + 1;
            }
            index++;
        }
        return script.length();
    }

    private static boolean atLineStart(String script, int index)
    {
        for (int position = index - 1; position >= 0; position--) {
            char character = script.charAt(position);
            if (character == '\n') {
                return true;
            }
            if (!Character.isWhitespace(character)) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(String script, int index)
    {
        int end = script.indexOf('\n', index);
        return end < 0 ? script.length() : end;
    }

    private static int count(String text, int start, int end, char wanted)
    {
        int count = 0;
        for (int index = start; index < end; index++) {
            if (text.charAt(index) == wanted) {
                count++;
            }
        }
        return count;
    }
}
