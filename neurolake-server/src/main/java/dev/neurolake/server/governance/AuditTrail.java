package dev.neurolake.server.governance;

import dev.neurolake.governance.Governance;
import dev.neurolake.server.security.Principals;
import dev.neurolake.sql.QueryService;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Appends what people did to the audit log: logins, keys, grants, users, queries, data changes.
 * Queries arrive from the query service as they finish, whatever their outcome.
 */
@Component
public class AuditTrail
{
    private final Governance governance;

    public AuditTrail(Governance governance, QueryService queries)
    {
        this.governance = requireNonNull(governance, "governance is null");
        queries.addListener(event -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("queryId", event.queryId());
            details.put("sql", event.sql());
            details.put("tables", event.tables().stream().map(Object::toString).toList());
            event.rows().ifPresent(rows -> details.put("rows", rows));
            details.put("durationMillis", event.durationMillis());
            event.errorCode().ifPresent(code -> details.put("errorCode", code.name()));
            governance.audit().append(event.principal().orElse("system"), "QUERY", String.join(",", event.tables().stream().map(Object::toString).toList()),
                    event.status().name(), details);
        });
    }

    /** Records an action of the current principal. */
    public void record(String action, String target, String outcome, Map<String, ?> details)
    {
        recordFor(Principals.currentName(), action, target, outcome, details);
    }

    public void recordFor(String principal, String action, String target, String outcome, Map<String, ?> details)
    {
        governance.audit().append(principal, action.toUpperCase(Locale.ROOT), target, outcome, details);
    }
}
