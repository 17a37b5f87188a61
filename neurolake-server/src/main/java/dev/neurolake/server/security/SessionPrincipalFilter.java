package dev.neurolake.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reloads a session user's roles and groups on every request, so that disabling a user or
 * changing their roles takes effect at once, not when their session ends.
 */
final class SessionPrincipalFilter
        extends OncePerRequestFilter
{
    private final Principals principals;

    SessionPrincipalFilter(Principals principals)
    {
        this.principals = requireNonNull(principals, "principals is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException
    {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof NeuroLakeAuthentication current && current.getPrincipal().method() == NeuroLakePrincipal.Method.SESSION) {
            Optional<NeuroLakePrincipal> fresh = principals.forUser(current.getName());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            if (fresh.isPresent()) {
                context.setAuthentication(new NeuroLakeAuthentication(fresh.get()));
            }
            else {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
