package dev.neurolake.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** File formats NeuroLake ingests. Any of them may be gzip-compressed. */
public enum UploadFormat
{
    CSV, TSV, JSON, NDJSON, PARQUET;

    public static UploadFormat parse(String value)
    {
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        if (normalized.equals("JSONL")) {
            return NDJSON;
        }
        try {
            return valueOf(normalized);
        }
        catch (IllegalArgumentException e) {
            throw new NeuroLakeException(ErrorCode.UPLOAD_FORMAT_UNSUPPORTED, "Unsupported format '" + value + "': use csv, tsv, json, ndjson or parquet", Map.of("format", value), e);
        }
    }

    /** The format a file name implies, looking through a {@code .gz} suffix. */
    public static Optional<UploadFormat> fromFileName(String fileName)
    {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        else if (name.endsWith(".gzip")) {
            name = name.substring(0, name.length() - 5);
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (name.substring(dot + 1)) {
            case "csv", "txt" -> Optional.of(CSV);
            case "tsv", "tab" -> Optional.of(TSV);
            case "json" -> Optional.of(JSON);
            case "ndjson", "jsonl" -> Optional.of(NDJSON);
            case "parquet", "pq" -> Optional.of(PARQUET);
            default -> Optional.empty();
        };
    }
}
