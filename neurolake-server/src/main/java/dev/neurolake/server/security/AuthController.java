package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.ApiKey;
import dev.neurolake.governance.Governance;
import dev.neurolake.governance.User;
import dev.neurolake.server.NeuroLakeProperties;
import dev.neurolake.server.governance.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/** Sign-in for browsers (session cookie) and self-service API keys for programs. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController
{

    private final Governance governance;
    private final PasswordEncoder passwordEncoder;
    private final Principals principals;
    private final AuditTrail audit;
    private final NeuroLakeProperties.Security settings;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private final String unknownUserHash;

    public AuthController(Governance governance, PasswordEncoder passwordEncoder, Principals principals, AuditTrail audit, NeuroLakeProperties properties)
    {
        this.governance = requireNonNull(governance, "governance is null");
        this.passwordEncoder = requireNonNull(passwordEncoder, "passwordEncoder is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.settings = properties.security();
        this.unknownUserHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
    }

    @Operation(summary = "Sign in with username and password; starts a session (cookie) and returns the CSRF token for later state-changing requests")
    @RequiresPermission(Permission.PUBLIC)
    @PostMapping("/login")
    public MeResponse login(@Valid @RequestBody LoginBody body, HttpServletRequest request, HttpServletResponse response)
            throws InterruptedException
    {
        Optional<User> user = governance.users().find(body.username());
        Instant now = Instant.now();
        if (user.isPresent() && user.get().lockedAt(now)) {
            audit.recordFor(body.username(), "LOGIN", body.username(), "LOCKED", Map.of());
            long retryAfter = Duration.between(now, user.get().lockedUntil().orElseThrow()).toSeconds() + 1;
            response.setHeader("Retry-After", Long.toString(retryAfter));
            throw new NeuroLakeException(ErrorCode.ACCOUNT_LOCKED, "Too many failed sign-ins: the account is locked for " + retryAfter + " s", Map.of("retryAfterSeconds", retryAfter));
        }
        String hash = user.flatMap(found -> governance.users().passwordHash(found.username())).orElse(unknownUserHash);
        boolean matches = passwordEncoder.matches(body.password(), hash) && user.isPresent() && user.get().enabled();
        if (!matches) {
            int failures = user.map(found -> governance.users().recordFailedLogin(found.username(), settings.maxFailedLogins(), settings.lockDuration()).failedLogins()).orElse(1);
            audit.recordFor(body.username(), "LOGIN", body.username(), "FAILED", Map.of());
            // Each failure in a row answers more slowly, which blunts password guessing before the lockout.
            Thread.sleep(Math.min(3000, 100L << Math.min(failures, 5)));
            throw new NeuroLakeException(ErrorCode.UNAUTHENTICATED, "Wrong username or password");
        }
        governance.users().recordSuccessfulLogin(body.username());
        NeuroLakePrincipal principal = principals.forUser(body.username()).orElseThrow();
        // A session that existed before sign-in gets a new id, so a planted id is worthless.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        else {
            request.getSession(true);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new NeuroLakeAuthentication(principal));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        audit.recordFor(principal.username(), "LOGIN", principal.username(), "SUCCEEDED", Map.of());
        return MeResponse.of(principal, csrfToken(request));
    }

    @Operation(summary = "End the session")
    @RequiresPermission(Permission.AUTHENTICATED)
    @PostMapping("/logout")
    public ResponseEntity<Void> logout(HttpServletRequest request)
    {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Who am I: username, roles, permissions")
    @RequiresPermission(Permission.AUTHENTICATED)
    @GetMapping("/me")
    public MeResponse me(HttpServletRequest request)
    {
        return MeResponse.of(Principals.current(), csrfToken(request));
    }

    @Operation(summary = "The CSRF token to send as X-XSRF-TOKEN with state-changing requests of a browser session")
    @RequiresPermission(Permission.PUBLIC)
    @GetMapping("/csrf")
    public Map<String, String> csrf(HttpServletRequest request)
    {
        return Map.of("headerName", "X-XSRF-TOKEN", "token", csrfToken(request));
    }

    @Operation(summary = "Create an API key for yourself; the secret is shown only in this response")
    @RequiresPermission(Permission.AUTHENTICATED)
    @PostMapping("/api-keys")
    public CreatedKeyResponse createKey(@Valid @RequestBody CreateKeyBody body)
    {
        NeuroLakePrincipal principal = Principals.current();
        Set<String> scopes = new TreeSet<>(body.scopes() == null ? List.of() : body.scopes());
        for (String scope : scopes) {
            Permission permission;
            try {
                permission = Permission.valueOf(scope);
            }
            catch (IllegalArgumentException e) {
                throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Unknown scope '" + scope + "'", Map.of("scope", scope), e);
            }
            if (!principal.has(permission)) {
                throw new NeuroLakeException(ErrorCode.FORBIDDEN, "A key cannot have the scope " + scope + ", which you do not have", Map.of("scope", scope));
            }
        }
        Optional<Instant> expiresAt = Optional.ofNullable(body.expiresInDays()).map(days -> Instant.now().plus(Duration.ofDays(days)));
        ApiKey.Created created = governance.apiKeys().create(principal.username(), body.name(), scopes, expiresAt);
        audit.record("API_KEY_CREATE", created.key().id(), "SUCCEEDED", Map.of("name", body.name(), "owner", principal.username(), "scopes", scopes));
        return new CreatedKeyResponse(KeyResponse.of(created.key()), created.secret());
    }

    @Operation(summary = "Your API keys (never their secrets)")
    @RequiresPermission(Permission.AUTHENTICATED)
    @GetMapping("/api-keys")
    public List<KeyResponse> keys()
    {
        return governance.apiKeys().list(Optional.of(Principals.current().username())).stream().map(KeyResponse::of).toList();
    }

    @Operation(summary = "Revoke one of your API keys")
    @RequiresPermission(Permission.AUTHENTICATED)
    @DeleteMapping("/api-keys/{id}")
    public KeyResponse revokeKey(@PathVariable("id") String id)
    {
        ApiKey key = governance.apiKeys().require(id);
        NeuroLakePrincipal principal = Principals.current();
        if (!key.username().equals(principal.username()) && !principal.isAdmin()) {
            throw new NeuroLakeException(ErrorCode.NOT_FOUND, "API key '" + id + "' does not exist", Map.of("keyId", id));
        }
        ApiKey revoked = governance.apiKeys().revoke(id);
        audit.record("API_KEY_REVOKE", id, "SUCCEEDED", Map.of("owner", key.username()));
        return KeyResponse.of(revoked);
    }

    private static String csrfToken(HttpServletRequest request)
    {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "" : token.getToken();
    }

    public record LoginBody(@NotBlank @Size(max = 128) String username, @NotBlank @Size(max = 1024) String password) {}

    public record CreateKeyBody(@NotBlank @Size(max = 128) String name, @Size(max = 16) List<String> scopes, @Min(1) @Max(3650) Integer expiresInDays) {}

    public record MeResponse(String username, List<String> roles, List<String> permissions, List<String> groups, String authenticatedWith, String csrfToken)
    {
        static MeResponse of(NeuroLakePrincipal principal, String csrfToken)
        {
            return new MeResponse(principal.username(),
                    principal.roles().stream().map(role -> role.name().toLowerCase()).sorted().toList(),
                    principal.permissions().stream().map(Enum::name).sorted().toList(),
                    principal.groups().stream().sorted().toList(),
                    principal.method().name().toLowerCase(), csrfToken);
        }
    }

    public record KeyResponse(String id, String username, String name, String prefix, List<String> scopes, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, Instant createdAt)
    {
        public static KeyResponse of(ApiKey key)
        {
            return new KeyResponse(key.id(), key.username(), key.name(), key.prefix(), key.scopes().stream().sorted().toList(),
                    key.expiresAt().orElse(null), key.lastUsedAt().orElse(null), key.revokedAt().orElse(null), key.createdAt());
        }
    }

    public record CreatedKeyResponse(KeyResponse key, String secret) {}
}
