package dev.neurolake.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to read delimited text; each option is detected from the file when empty.
 *
 * @param header whether the first line names the columns
 * @param delimiter the field separator (one character; {@code \t} for tab)
 * @param quote the quoting character
 */
public record CsvOptions(Optional<Boolean> header, Optional<String> delimiter, Optional<String> quote)
{
    public CsvOptions
    {
        requireNonNull(header, "header is null");
        delimiter = requireNonNull(delimiter, "delimiter is null").map(value -> value.equals("\\t") ? "\t" : value);
        requireNonNull(quote, "quote is null");
        delimiter.ifPresent(value -> requireSingleCharacter("delimiter", value));
        quote.ifPresent(value -> requireSingleCharacter("quote", value));
    }

    public static CsvOptions detect()
    {
        return new CsvOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void requireSingleCharacter(String option, String value)
    {
        if (value.length() != 1) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, option + " must be a single character, got '" + value + "'", Map.of("option", option));
        }
    }
}
