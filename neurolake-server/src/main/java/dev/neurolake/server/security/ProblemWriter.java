package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.server.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes problem+json from servlet filters, which run before Spring MVC's error handling: the
 * same shape and codes as {@code ProblemDetails}.
 */
final class ProblemWriter
{
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {}

    static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException
    {
        write(request, response, code, detail, Map.of());
    }

    static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail, Map<String, ?> details)
            throws IOException
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://neurolake.dev/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", code.title());
        body.put("status", code.httpStatus());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.putAll(details);
        body.put("code", code.name());
        body.put("requestId", RequestIdFilter.requestId(request));
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
