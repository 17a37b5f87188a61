package dev.neurolake.server.governance;

import dev.neurolake.governance.AuditEvent;
import dev.neurolake.governance.AuditLog;
import dev.neurolake.governance.Governance;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The audit log and its integrity check. */
@Validated
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController
{
    private final Governance governance;

    public AuditController(Governance governance)
    {
        this.governance = requireNonNull(governance, "governance is null");
    }

    @Operation(summary = "Audit events, newest first; page with before=<nextBefore>")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping
    public AuditPage events(
            @RequestParam(name = "principal", required = false) String principal,
            @RequestParam(name = "action", required = false) String action,
            @RequestParam(name = "from", required = false) Instant from,
            @RequestParam(name = "to", required = false) Instant to,
            @RequestParam(name = "before", required = false) Long before,
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(1000) int limit)
    {
        List<AuditEvent> events = governance.audit().page(Optional.ofNullable(principal), Optional.ofNullable(action), Optional.ofNullable(from), Optional.ofNullable(to),
                Optional.ofNullable(before), limit);
        Long nextBefore = events.size() == limit ? events.getLast().sequence() : null;
        return new AuditPage(events, nextBefore);
    }

    @Operation(summary = "Check the hash chain: reports the first row that was changed, removed or relinked")
    @RequiresPermission(Permission.ADMIN)
    @GetMapping("/verify")
    public VerifyResponse verify()
    {
        AuditLog.Verification verification = governance.audit().verify();
        return new VerifyResponse(verification.intact(), verification.rowsChecked(), verification.firstBrokenSequence().orElse(null), verification.reason().orElse(null));
    }

    public record AuditPage(List<AuditEvent> events, Long nextBefore) {}

    public record VerifyResponse(boolean intact, long rowsChecked, Long firstBrokenSequence, String reason) {}
}
