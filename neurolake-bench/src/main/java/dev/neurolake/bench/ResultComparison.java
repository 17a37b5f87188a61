package dev.neurolake.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings both systems' results to one form and compares them. Numbers become
 * {@link BigDecimal} (NeuroLake sends exact decimals as JSON numbers), dates and times their
 * ISO-8601 text (as NeuroLake sends them), anything else its text.
 */
final class ResultComparison
{
    /** Doubles (averages, ratios) may differ in the last bits between two parallel runs. */
    private static final BigDecimal RELATIVE_TOLERANCE = new BigDecimal("1e-9");

    private ResultComparison() {}

    static List<List<Object>> fromJdbc(List<Object[]> rows)
    {
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            List<Object> normalized = new ArrayList<>(row.length);
            for (Object value : row) {
                normalized.add(fromJdbc(value));
            }
            values.add(normalized);
        }
        return values;
    }

    static List<List<Object>> fromJson(List<JsonNode> rows)
    {
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            List<Object> normalized = new ArrayList<>(row.size());
            for (JsonNode value : row) {
                normalized.add(fromJson(value));
            }
            values.add(normalized);
        }
        return values;
    }

    private static Object fromJdbc(Object value)
    {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal;
            case Double number -> Double.isFinite(number) ? new BigDecimal(number.toString()) : number.toString();
            case Float number -> Float.isFinite(number) ? new BigDecimal(number.toString()) : number.toString();
            case Number number -> new BigDecimal(number.toString());
            case Boolean bool -> bool;
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.sql.Time time -> time.toLocalTime().toString();
            case TemporalAccessor temporal -> temporal.toString();
            default -> value.toString();
        };
    }

    private static Object fromJson(JsonNode value)
    {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /**
     * The first difference between two results, or empty when they hold the same rows. Rows must
     * be in the same order, except where the query's ORDER BY leaves ties, which either system
     * may return in any order: a result that matches only after sorting both counts as equal.
     */
    static Optional<String> difference(List<List<Object>> expected, List<List<Object>> actual)
    {
        if (expected.size() != actual.size()) {
            return Optional.of("%d rows instead of %d".formatted(actual.size(), expected.size()));
        }
        Optional<String> inOrder = firstDifference(expected, actual);
        if (inOrder.isEmpty()) {
            return Optional.empty();
        }
        Comparator<List<Object>> byText = Comparator.comparing(Object::toString);
        Optional<String> sorted = firstDifference(expected.stream().sorted(byText).toList(), actual.stream().sorted(byText).toList());
        return sorted.isEmpty() ? Optional.empty() : inOrder;
    }

    private static Optional<String> firstDifference(List<List<Object>> expected, List<List<Object>> actual)
    {
        for (int row = 0; row < expected.size(); row++) {
            List<Object> expectedRow = expected.get(row);
            List<Object> actualRow = actual.get(row);
            if (expectedRow.size() != actualRow.size()) {
                return Optional.of("row %d has %d columns instead of %d".formatted(row + 1, actualRow.size(), expectedRow.size()));
            }
            for (int column = 0; column < expectedRow.size(); column++) {
                if (!same(expectedRow.get(column), actualRow.get(column))) {
                    return Optional.of("row %d, column %d: %s instead of %s".formatted(row + 1, column + 1, actualRow.get(column), expectedRow.get(column)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean same(Object expected, Object actual)
    {
        if (expected instanceof BigDecimal left && actual instanceof BigDecimal right) {
            if (left.compareTo(right) == 0) {
                return true;
            }
            BigDecimal scale = left.abs().max(right.abs());
            return left.subtract(right).abs().compareTo(scale.multiply(RELATIVE_TOLERANCE, MathContext.DECIMAL64)) <= 0;
        }
        return Objects.equals(expected, actual);
    }
}
