package dev.neurolake.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * An uploaded file read by DuckDB's own readers: CSV/TSV, a JSON array, NDJSON or Parquet,
 * optionally gzip-compressed. The file must lie inside the data directory.
 */
public record FileSource(Path file, String displayName, UploadFormat format, CsvOptions csv)
        implements RowSource
{
    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern CSV_CONVERSION = Pattern.compile("Error when converting column \"(.+?)\"\\. Could not convert string \"(.*?)\" to '(.+?)'", Pattern.DOTALL);
    private static final Pattern CSV_HEADER = Pattern.compile("header = (true|false)");

    public FileSource
    {
        requireNonNull(file, "file is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(format, "format is null");
        requireNonNull(csv, "csv is null");
        if (format == UploadFormat.PARQUET && isGzip(file)) {
            throw new NeuroLakeException(ErrorCode.UPLOAD_FORMAT_UNSUPPORTED, displayName + ": gzip-compressed Parquet is not supported; Parquet compresses its own pages", Map.of("file", displayName));
        }
    }

    @Override
    public String relation(Map<String, String> typeHints)
    {
        return switch (format) {
            case CSV, TSV -> readCsv(typeHints, false);
            case JSON -> "read_json(" + literal(file.toString()) + ", format = 'auto'" + compression() + ")";
            case NDJSON -> "read_json(" + literal(file.toString()) + ", format = 'newline_delimited'" + compression() + ")";
            case PARQUET -> "read_parquet(" + literal(file.toString()) + ")";
        };
    }

    @Override
    public Optional<String> textRelation(List<String> columns)
    {
        return Optional.of(switch (format) {
            case CSV, TSV -> readCsv(Map.of(), true);
            case JSON, NDJSON -> "read_json(" + literal(file.toString()) + ", format = '" + (format == UploadFormat.JSON ? "auto" : "newline_delimited") + "'"
                    + compression() + ", columns = {" + String.join(", ", columns.stream().map(column -> literal(column) + ": 'VARCHAR'").toList()) + "})";
            case PARQUET -> "(SELECT " + String.join(", ", columns.stream().map(column -> "CAST(" + quote(column) + " AS VARCHAR) AS " + quote(column)).toList())
                    + " FROM read_parquet(" + literal(file.toString()) + "))";
        });
    }

    @Override
    public Optional<ValueProblem> locate(String duckDbMessage)
    {
        if (format != UploadFormat.CSV && format != UploadFormat.TSV || duckDbMessage == null) {
            return Optional.empty();
        }
        Matcher line = CSV_LINE.matcher(duckDbMessage);
        Matcher conversion = CSV_CONVERSION.matcher(duckDbMessage);
        if (!line.find() || !conversion.find()) {
            return Optional.empty();
        }
        long lineNumber = Long.parseLong(line.group(1));
        Matcher header = CSV_HEADER.matcher(duckDbMessage);
        boolean hasHeader = csv.header().orElseGet(() -> header.find() && header.group(1).equals("true"));
        return Optional.of(new ValueProblem(
                hasHeader ? lineNumber - 1 : lineNumber,
                OptionalLong.of(lineNumber),
                conversion.group(1),
                Optional.of(conversion.group(2)),
                conversion.group(3)));
    }

    @Override
    public String description()
    {
        return displayName;
    }

    private String readCsv(Map<String, String> typeHints, boolean allText)
    {
        List<String> options = new ArrayList<>();
        options.add(literal(file.toString()));
        csv.header().ifPresent(header -> options.add("header = " + header));
        csv.delimiter().or(() -> format == UploadFormat.TSV ? Optional.of("\t") : Optional.empty())
                .ifPresent(delimiter -> options.add("delim = " + literal(delimiter)));
        csv.quote().ifPresent(quote -> options.add("quote = " + literal(quote)));
        if (isGzip(file)) {
            options.add("compression = 'gzip'");
        }
        if (allText) {
            options.add("all_varchar = true");
        }
        else if (!typeHints.isEmpty()) {
            options.add("types = {" + String.join(", ", typeHints.entrySet().stream()
                    .map(entry -> literal(entry.getKey()) + ": " + literal(entry.getValue())).toList()) + "}");
        }
        return "read_csv(" + String.join(", ", options) + ")";
    }

    private String compression()
    {
        return isGzip(file) ? ", compression = 'gzip'" : "";
    }

    /** Whether the file starts with the gzip magic number, whatever its name says. */
    static boolean isGzip(Path file)
    {
        try (InputStream input = Files.newInputStream(file)) {
            return input.read() == 0x1f && input.read() == 0x8b;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
