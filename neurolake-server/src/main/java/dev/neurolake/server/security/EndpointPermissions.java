package dev.neurolake.server.security;

import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;

/**
 * Every NeuroLake endpoint declares its permission: the server refuses to start if one does
 * not, so a new endpoint can never be open by omission.
 */
@Component
public class EndpointPermissions
{
    private final RequestMappingHandlerMapping handlerMapping;

    public EndpointPermissions(RequestMappingHandlerMapping requestMappingHandlerMapping)
    {
        this.handlerMapping = requestMappingHandlerMapping;
    }

    @EventListener(ContextRefreshedEvent.class)
    public void verify()
    {
        List<String> undeclared = endpoints().entrySet().stream()
                .filter(entry -> entry.getValue().getMethodAnnotation(RequiresPermission.class) == null)
                .map(entry -> entry.getKey() + " (" + entry.getValue().getShortLogMessage() + ")")
                .toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("Endpoints without @RequiresPermission: " + undeclared);
        }
    }

    /** NeuroLake's own endpoints (not springdoc's or Spring Boot's error page). */
    public Map<RequestMappingInfo, HandlerMethod> endpoints()
    {
        return handlerMapping.getHandlerMethods().entrySet().stream()
                .filter(entry -> isNeuroLakeEndpoint(entry.getValue()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static boolean isNeuroLakeEndpoint(HandlerMethod method)
    {
        return method.getBeanType().getPackageName().startsWith("dev.neurolake");
    }

    static Permission required(HandlerMethod method)
    {
        RequiresPermission annotation = method.getMethodAnnotation(RequiresPermission.class);
        if (annotation == null) {
            throw new IllegalStateException("No @RequiresPermission on " + method.getShortLogMessage());
        }
        return annotation.value();
    }
}
