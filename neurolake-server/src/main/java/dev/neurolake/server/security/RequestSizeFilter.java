package dev.neurolake.server.security;

import dev.neurolake.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses request bodies over the configured size before anything reads them. Multipart
 * uploads have their own, larger limit (spring.servlet.multipart.max-file-size).
 */
final class RequestSizeFilter
        extends OncePerRequestFilter
{
    private final long maxBytes;

    RequestSizeFilter(long maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException
    {
        String contentType = request.getContentType();
        boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
        if (!multipart && request.getContentLengthLong() > maxBytes) {
            ProblemWriter.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + maxBytes + " bytes", Map.of("maxBytes", maxBytes));
            return;
        }
        chain.doFilter(request, response);
    }
}
