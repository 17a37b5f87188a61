package dev.neurolake.error;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type of NeuroLake: it carries a stable {@link ErrorCode} and optional
 * structured details (row, column, position, ...) that the server maps to problem+json.
 */
public class NeuroLakeException
        extends RuntimeException
{
    private final ErrorCode code;
    private final Map<String, Object> details;

    public NeuroLakeException(ErrorCode code, String message)
    {
        this(code, message, Map.of(), null);
    }

    public NeuroLakeException(ErrorCode code, String message, Throwable cause)
    {
        this(code, message, Map.of(), cause);
    }

    public NeuroLakeException(ErrorCode code, String message, Map<String, ?> details)
    {
        this(code, message, details, null);
    }

    public NeuroLakeException(ErrorCode code, String message, Map<String, ?> details, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        // Details may hold null values (a NULL cell, say), which Map.copyOf refuses.
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(details, "details is null")));
    }

    public ErrorCode code()
    {
        return code;
    }

    /** Structured context for the client, e.g. {@code row}, {@code column}, {@code position}. */
    public Map<String, Object> details()
    {
        return details;
    }
}
