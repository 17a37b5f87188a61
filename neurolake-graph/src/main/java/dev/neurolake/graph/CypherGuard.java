package dev.neurolake.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.neo4j.driver.Value;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ResultSummary;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, for every caller, what would reach outside the graph: LOAD CSV (files of the server,
 * or any URL), procedures and functions that read or write files or run Cypher given as text
 * (which would hide a LOAD CSV from this check), DBMS administration, and the system database.
 *
 * <p>It inspects the plan the database made with {@code EXPLAIN}, so it sees exactly what would
 * run, whatever the spelling. Read-only access is not its job: the database enforces that.
 */
final class CypherGuard
{
    /** Namespaces of procedures and functions that touch files or URLs, run Cypher text, or administer the server. */
    private static final List<String> FORBIDDEN_NAMESPACES = List.of(
            "apoc.load.", "apoc.import.", "apoc.export.", "apoc.cypher.", "apoc.periodic.", "apoc.do.", "apoc.when", "apoc.case",
            "apoc.trigger.", "apoc.custom.", "apoc.systemdb.", "apoc.log.", "apoc.config.", "dbms.");

    /** Harmless exceptions inside a forbidden namespace. */
    private static final Set<String> ALLOWED = Set.of("dbms.components");

    /** A qualified procedure or function name followed by its argument list, as plans render calls. */
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+)\\s*\\(");

    private CypherGuard() {}

    static void check(ResultSummary explained)
    {
        if (explained.database() != null && "system".equalsIgnoreCase(explained.database().name())) {
            throw forbidden("Statements against the system database are not allowed", "system");
        }
        if (explained.hasPlan()) {
            check(explained.plan());
        }
    }

    private static void check(Plan plan)
    {
        String operator = plan.operatorType();
        int at = operator.indexOf('@');
        String name = at < 0 ? operator : operator.substring(0, at);
        if (at >= 0 && operator.substring(at + 1).equalsIgnoreCase("system")) {
            throw forbidden("Statements against the system database are not allowed", "system");
        }
        if (name.startsWith("LoadCSV")) {
            throw forbidden("LOAD CSV is not allowed: upload the file as a lake table and project it into the graph", "LOAD CSV");
        }
        Value details = plan.arguments().get("Details");
        if (details != null && !details.isNull()) {
            Matcher call = CALL.matcher(details.asString());
            while (call.find()) {
                String called = call.group(1).toLowerCase(Locale.ROOT);
                if (!ALLOWED.contains(called) && FORBIDDEN_NAMESPACES.stream().anyMatch(called::startsWith)) {
                    throw forbidden("Procedure or function " + call.group(1) + " is not allowed: it reaches files, runs Cypher text or administers the server", call.group(1));
                }
            }
        }
        for (Plan child : plan.children()) {
            check(child);
        }
    }

    private static NeuroLakeException forbidden(String message, String what)
    {
        return new NeuroLakeException(ErrorCode.CYPHER_FORBIDDEN, message, Map.of("forbidden", what));
    }
}
