package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.governance.Role;
import dev.neurolake.server.NeuroLakeProperties;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Applies the rate limits after authentication: per principal with the most generous limit of
 * their roles, per client IP for anonymous requests. Answers carry {@code RateLimit-*}
 * headers; refused ones are 429 with {@code Retry-After}.
 */
final class RateLimitFilter
        extends OncePerRequestFilter
{
    private static final Set<String> PROBES = Set.of("/health", "/live", "/ready");
    private static final Map<Role, Integer> DEFAULTS = Map.of(Role.ADMIN, 1200, Role.ENGINEER, 1200, Role.ANALYST, 600, Role.VIEWER, 600);

    private final RateLimiter limiter;
    private final NeuroLakeProperties.Ratelimit settings;

    RateLimitFilter(RateLimiter limiter, NeuroLakeProperties.Ratelimit settings)
    {
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request)
    {
        return !settings.enabled() || PROBES.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException
    {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String key;
        int limit;
        if (authentication instanceof NeuroLakeAuthentication authenticated) {
            key = "principal:" + authenticated.getName();
            limit = authenticated.getPrincipal().roles().stream().mapToInt(this::perMinute).max().orElse(settings.anonymousPerMinute());
        }
        else {
            key = "ip:" + request.getRemoteAddr();
            limit = settings.anonymousPerMinute();
        }
        ConsumptionProbe probe = limiter.tryConsume(key, limit);
        long resetSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForReset() + 999_999_999L));
        response.setHeader("RateLimit-Limit", Integer.toString(limit));
        response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", Long.toString(resetSeconds));
        response.setHeader("RateLimit-Policy", limit + ";w=60");
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            response.setHeader("Retry-After", Long.toString(retryAfter));
            ProblemWriter.write(request, response, ErrorCode.RATE_LIMITED, "Rate limit of " + limit + " requests per minute exceeded; retry in " + retryAfter + " s",
                    Map.of("limit", limit, "retryAfterSeconds", retryAfter));
            return;
        }
        chain.doFilter(request, response);
    }

    private int perMinute(Role role)
    {
        return settings.perMinute().getOrDefault(role.name().toLowerCase(Locale.ROOT), DEFAULTS.get(role));
    }
}
