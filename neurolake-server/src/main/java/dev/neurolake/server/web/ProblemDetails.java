package dev.neurolake.server.web;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where errors become HTTP responses: RFC 9457 problem+json with a stable
 * {@code code}, the request id, and the error's structured details as extension members.
 */
@RestControllerAdvice
public class ProblemDetails
        extends ResponseEntityExceptionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetails.class);

    @ExceptionHandler(NeuroLakeException.class)
    ResponseEntity<Object> handleNeuroLake(NeuroLakeException error, HttpServletRequest request)
    {
        if (error.code().httpStatus() >= 500) {
            LOG.error("{} on {} {}: {}", error.code(), request.getMethod(), request.getRequestURI(), error.getMessage(), error);
        }
        else {
            LOG.debug("{} on {} {}: {}", error.code(), request.getMethod(), request.getRequestURI(), error.getMessage());
        }
        return respond(problem(error.code(), error.getMessage(), error.details(), request));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException error, HttpServletRequest request)
    {
        List<String> violations = error.getConstraintViolations().stream()
                .map(violation -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                .sorted()
                .toList();
        return respond(problem(ErrorCode.INVALID_REQUEST, String.join("; ", violations), Map.of("violations", violations), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception error, HttpServletRequest request)
    {
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), error);
        return respond(problem(ErrorCode.INTERNAL_ERROR, "Internal error; quote request id " + RequestIdFilter.requestId(request) + " when reporting it", Map.of(), request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException error, HttpHeaders headers, HttpStatusCode status, WebRequest request)
    {
        List<String> violations = error.getBindingResult().getFieldErrors().stream()
                .map(field -> field.getField() + " " + field.getDefaultMessage())
                .sorted()
                .toList();
        return respond(problem(ErrorCode.INVALID_REQUEST, String.join("; ", violations), Map.of("violations", violations), servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException error, HttpHeaders headers, HttpStatusCode status, WebRequest request)
    {
        List<String> violations = error.getAllErrors().stream()
                .map(violation -> violation.getDefaultMessage())
                .sorted()
                .toList();
        return respond(problem(ErrorCode.INVALID_REQUEST, "Invalid request: " + String.join("; ", violations), Map.of("violations", violations), servletRequest(request)));
    }

    /** Spring MVC's own errors (unknown path, wrong method, unreadable body, ...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception error, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request)
    {
        String detail = body instanceof ProblemDetail problemDetail && problemDetail.getDetail() != null ? problemDetail.getDetail() : error.getMessage();
        ProblemDetail problem = problem(codeFor(status), detail, Map.of(), servletRequest(request));
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ErrorCode codeFor(HttpStatusCode status)
    {
        return switch (status.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }

    static ProblemDetail problem(ErrorCode code, String detail, Map<String, ?> details, HttpServletRequest request)
    {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setTitle(code.title());
        problem.setType(URI.create("https://neurolake.dev/problems/" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        details.forEach(problem::setProperty);
        problem.setProperty("code", code.name());
        problem.setProperty("requestId", request == null ? "unknown" : RequestIdFilter.requestId(request));
        return problem;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem)
    {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpServletRequest servletRequest(WebRequest request)
    {
        return request instanceof NativeWebRequest nativeRequest ? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
    }

    private static String lastNode(String path)
    {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
