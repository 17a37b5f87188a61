package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.governance.ApiKeyStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates {@code Authorization: Bearer nlk_...} API keys. A key that is unknown, revoked
 * or expired is refused at once rather than treated as anonymous.
 */
final class ApiKeyAuthenticationFilter
        extends OncePerRequestFilter
{
    private final Principals principals;

    ApiKeyAuthenticationFilter(Principals principals)
    {
        this.principals = requireNonNull(principals, "principals is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException
    {
        Optional<String> secret = apiKey(request);
        if (secret.isPresent()) {
            Optional<NeuroLakePrincipal> principal = principals.forApiKey(secret.get());
            if (principal.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemWriter.write(request, response, ErrorCode.UNAUTHENTICATED, "The API key is unknown, revoked or expired, or its owner is disabled");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new NeuroLakeAuthentication(principal.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    static Optional<String> apiKey(HttpServletRequest request)
    {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            if (token.startsWith(ApiKeyStore.PREFIX)) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
