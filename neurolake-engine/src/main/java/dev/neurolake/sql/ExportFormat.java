package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Locale;
import java.util.Map;

/** File formats a query result can be exported as. */
public enum ExportFormat
{
    CSV("text/csv", "csv", "FORMAT csv, HEADER"),
    PARQUET("application/vnd.apache.parquet", "parquet", "FORMAT parquet, COMPRESSION zstd"),
    JSON("application/json", "json", "FORMAT json, ARRAY true");

    private final String mediaType;
    private final String extension;
    private final String copyOptions;

    ExportFormat(String mediaType, String extension, String copyOptions)
    {
        this.mediaType = mediaType;
        this.extension = extension;
        this.copyOptions = copyOptions;
    }

    public String mediaType()
    {
        return mediaType;
    }

    public String extension()
    {
        return extension;
    }

    String copyOptions()
    {
        return copyOptions;
    }

    public static ExportFormat parse(String value)
    {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "format must be csv, parquet or json: '" + value + "'", Map.of("format", value), e);
        }
    }
}
