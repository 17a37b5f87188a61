package dev.neurolake.lake;

import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Where a value that does not fit its column was found.
 *
 * @param row 1-based data row (a header line is not a row)
 * @param line 1-based line in the file, when the source is line-oriented text
 */
public record ValueProblem(long row, OptionalLong line, String column, Optional<String> value, String expectedType)
{
    public ValueProblem
    {
        requireNonNull(line, "line is null");
        requireNonNull(column, "column is null");
        requireNonNull(value, "value is null");
        requireNonNull(expectedType, "expectedType is null");
    }
}
