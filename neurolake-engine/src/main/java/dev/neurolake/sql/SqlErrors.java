package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns DuckDB's errors into NeuroLake errors that point at the offending spot of the SQL. */
final class SqlErrors
{
    private static final Pattern LOCATION = Pattern.compile("\\nLINE (\\d+): (.*)\\n( *)\\^");
    private static final Pattern KIND = Pattern.compile("^([A-Za-z ]+?) Error: ");

    private SqlErrors() {}

    /**
     * Translates a DuckDB error for a statement that ran as {@code prefix + sql}: positions are
     * reported relative to the user's {@code sql}.
     */
    static NeuroLakeException translate(SQLException error, String prefix, String sql)
    {
        String message = error.getMessage() == null ? "unknown DuckDB error" : error.getMessage();
        Matcher kind = KIND.matcher(message);
        String errorKind = kind.find() ? kind.group(1) : "";
        ErrorCode code = switch (errorKind) {
            case "Parser" -> ErrorCode.SQL_SYNTAX_ERROR;
            case "Permission" -> ErrorCode.SQL_FORBIDDEN_REFERENCE;
            case "IO", "INTERNAL", "FATAL" -> ErrorCode.INTERNAL_ERROR;
            case "Out of Memory" -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> ErrorCode.SQL_ERROR;
        };
        Map<String, Object> details = new LinkedHashMap<>();
        if (!errorKind.isEmpty()) {
            details.put("duckdbErrorType", errorKind);
        }
        Matcher location = LOCATION.matcher(message);
        String summary = message;
        if (location.find()) {
            summary = message.substring(0, location.start()).strip();
            String label = "LINE " + location.group(1) + ": ";
            int caret = location.group(3).length() - label.length();
            int absolute = absoluteOffset(prefix + sql, Integer.parseInt(location.group(1)), location.group(2), caret);
            if (absolute >= prefix.length()) {
                addPosition(details, sql, absolute - prefix.length());
            }
        }
        return new NeuroLakeException(code, summary, details, error);
    }

    /** Adds 0-based {@code position} and 1-based {@code line}/{@code column} for an offset into the SQL. */
    static void addPosition(Map<String, Object> details, String sql, int position)
    {
        int bounded = Math.max(0, Math.min(position, sql.length()));
        int line = 1;
        int lineStart = 0;
        for (int index = 0; index < bounded; index++) {
            if (sql.charAt(index) == '\n') {
                line++;
                lineStart = index + 1;
            }
        }
        details.put("position", bounded);
        details.put("line", line);
        details.put("column", bounded - lineStart + 1);
    }

    /**
     * The offset in {@code text} that DuckDB's caret points at. DuckDB shows long lines as a
     * window between "..." marks, so the window is looked up in the line.
     */
    private static int absoluteOffset(String text, int line, String shown, int caret)
    {
        if (caret < 0) {
            return -1;
        }
        int lineStart = 0;
        for (int current = 1; current < line; current++) {
            int next = text.indexOf('\n', lineStart);
            if (next < 0) {
                return -1;
            }
            lineStart = next + 1;
        }
        if (!shown.startsWith("...")) {
            return lineStart + caret;
        }
        String window = shown.substring(3);
        if (window.endsWith("...")) {
            window = window.substring(0, window.length() - 3);
        }
        int found = text.indexOf(window, lineStart);
        return found < 0 ? -1 : found + caret - 3;
    }

    static boolean isInterrupt(SQLException error)
    {
        String message = error.getMessage();
        return message != null && (message.startsWith("INTERRUPT Error") || message.contains("Interrupted"));
    }
}
