package dev.neurolake.bench;

import io.trino.tpch.LineItem;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Writes TPC-H {@code lineitem} rows (the Trino TPC-H generator) as a CSV file with a header
 * line: dates as {@code yyyy-MM-dd}, money with two decimals, text quoted only when needed.
 */
public final class LineitemCsv
{
    /** Rows of {@code lineitem} at scale factor 1; other scale factors give about as many per unit. */
    static final long ROWS_PER_SCALE_FACTOR = 6_001_215;

    private static final double SCALE_FACTOR_STEP = 0.01;
    private static final int BUFFER_CHARACTERS = 1 << 20;

    private LineitemCsv() {}

    /** Writes the first {@code rows} lineitem rows to {@code file}, replacing it. */
    public static GeneratedCsv write(Path file, long rows)
    {
        requireNonNull(file, "file is null");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        long start = System.nanoTime();
        // Line counts per order are random, so a scale factor is only a guess at the row count:
        // when it falls short, generate again one step larger rather than mix two data sets.
        double scaleFactor = initialScaleFactor(rows);
        while (true) {
            long written = write(file, rows, scaleFactor);
            if (written == rows) {
                return new GeneratedCsv(file, rows, size(file), scaleFactor, Duration.ofNanos(System.nanoTime() - start));
            }
            scaleFactor = Math.round((scaleFactor + SCALE_FACTOR_STEP) / SCALE_FACTOR_STEP) * SCALE_FACTOR_STEP;
        }
    }

    /** The smallest multiple of the step expected to hold the rows; SF 1 for 6M rows. */
    static double initialScaleFactor(long rows)
    {
        double steps = Math.ceil((double) rows / ROWS_PER_SCALE_FACTOR / SCALE_FACTOR_STEP);
        return Math.max(1, steps) * SCALE_FACTOR_STEP;
    }

    private static long write(Path file, long rows, double scaleFactor)
    {
        List<TpchColumn<LineItem>> columns = TpchTable.LINE_ITEM.getColumns();
        long written = 0;
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), BUFFER_CHARACTERS)) {
            StringBuilder line = new StringBuilder(256);
            for (TpchColumn<LineItem> column : columns) {
                separate(line);
                line.append(column.getColumnName());
            }
            writer.append(line).append('\n');
            for (LineItem item : TpchTable.LINE_ITEM.createGenerator(scaleFactor, 1, 1)) {
                if (written == rows) {
                    break;
                }
                line.setLength(0);
                for (TpchColumn<LineItem> column : columns) {
                    separate(line);
                    appendValue(line, column, item);
                }
                writer.append(line).append('\n');
                written++;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return written;
    }

    private static void separate(StringBuilder line)
    {
        if (!line.isEmpty()) {
            line.append(',');
        }
    }

    private static void appendValue(StringBuilder line, TpchColumn<LineItem> column, LineItem item)
    {
        switch (column.getType().getBase()) {
            case IDENTIFIER -> line.append(column.getIdentifier(item));
            case INTEGER -> line.append(column.getInteger(item));
            // The generator counts dates in days since 1970-01-01.
            case DATE -> line.append(LocalDate.ofEpochDay(column.getDate(item)));
            case DOUBLE -> appendMoney(line, column.getDouble(item));
            case VARCHAR -> appendText(line, column.getString(item));
        }
    }

    /** Two decimals, as TPC-H defines money; integer arithmetic because String.format is slow. */
    static void appendMoney(StringBuilder line, double value)
    {
        long cents = Math.round(value * 100);
        if (cents < 0) {
            line.append('-');
            cents = -cents;
        }
        long fraction = cents % 100;
        line.append(cents / 100).append('.');
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
    }

    /** RFC 4180 quoting, only for values that need it. */
    static void appendText(StringBuilder line, String value)
    {
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!needsQuotes) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
    }

    /** A generated CSV file and how it was made. */
    public record GeneratedCsv(Path file, long rows, long bytes, double scaleFactor, Duration elapsed)
    {
        public GeneratedCsv
        {
            requireNonNull(file, "file is null");
            requireNonNull(elapsed, "elapsed is null");
        }
    }
}
