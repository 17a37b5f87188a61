package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Map;

/**
 * Enforces each endpoint's {@link RequiresPermission} before the handler runs. Table grants
 * are checked afterwards by the handler, which knows the table.
 */
final class PermissionInterceptor
        implements HandlerInterceptor
{
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
    {
        if (!(handler instanceof HandlerMethod method) || !EndpointPermissions.isNeuroLakeEndpoint(method)) {
            return true;
        }
        Permission required = EndpointPermissions.required(method);
        if (required == Permission.PUBLIC) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof NeuroLakeAuthentication authenticated)) {
            throw new NeuroLakeException(ErrorCode.UNAUTHENTICATED, "Sign in or send an API key");
        }
        if (!authenticated.getPrincipal().has(required)) {
            throw new NeuroLakeException(ErrorCode.FORBIDDEN, "This needs the " + required + " permission, which " + authenticated.getName() + " does not have here",
                    Map.of("requiredPermission", required.name()));
        }
        return true;
    }
}
