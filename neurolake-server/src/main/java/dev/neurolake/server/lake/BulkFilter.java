package dev.neurolake.server.lake;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.LakeTypes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.neurolake.duckdb.DuckDbSql.literal;
import static dev.neurolake.duckdb.DuckDbSql.quote;

/**
 * A structured row filter for the bulk API: {@code {column, op, value}}, or {@code {and: [...]}},
 * {@code {or: [...]}}, {@code {not: {...}}}. It becomes SQL only through quoting of known columns
 * and typed literals, so it cannot carry SQL of its own.
 *
 * @param op eq, ne, lt, le, gt, ge, in, like, is_null, is_not_null
 */
public record BulkFilter(String column, String op, Object value, List<BulkFilter> and, List<BulkFilter> or, BulkFilter not)
{
    /** SQL for the filter over a table's columns; every value is cast to its column's type. */
    String toSql(Schema schema, List<TypedValue> values)
    {
        if (and != null) {
            return combine(and, " AND ", schema, values);
        }
        if (or != null) {
            return combine(or, " OR ", schema, values);
        }
        if (not != null) {
            return "NOT (" + not.toSql(schema, values) + ")";
        }
        if (column == null || op == null) {
            throw invalid("A filter needs 'column' and 'op', or one of 'and', 'or', 'not'");
        }
        Types.NestedField field = field(schema, column);
        String target = quote(field.name());
        String type = LakeTypes.duckDbType(field.type());
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "eq" -> target + " = " + typed(field, type, value, values);
            case "ne" -> target + " <> " + typed(field, type, value, values);
            case "lt" -> target + " < " + typed(field, type, value, values);
            case "le" -> target + " <= " + typed(field, type, value, values);
            case "gt" -> target + " > " + typed(field, type, value, values);
            case "ge" -> target + " >= " + typed(field, type, value, values);
            case "like" -> target + " LIKE " + typed(field, "VARCHAR", value, values);
            case "is_null" -> target + " IS NULL";
            case "is_not_null" -> target + " IS NOT NULL";
            case "in" -> {
                if (!(value instanceof List<?> list) || list.isEmpty()) {
                    throw invalid("'in' needs a non-empty list value");
                }
                List<String> items = new ArrayList<>();
                list.forEach(item -> items.add(typed(field, type, item, values)));
                yield target + " IN (" + String.join(", ", items) + ")";
            }
            default -> throw invalid("Unknown filter op '" + op + "': use eq, ne, lt, le, gt, ge, in, like, is_null, is_not_null");
        };
    }

    private static String combine(List<BulkFilter> filters, String operator, Schema schema, List<TypedValue> values)
    {
        if (filters.isEmpty()) {
            throw invalid("'and' and 'or' need at least one filter");
        }
        List<String> parts = new ArrayList<>();
        filters.forEach(filter -> parts.add("(" + filter.toSql(schema, values) + ")"));
        return String.join(operator, parts);
    }

    static Types.NestedField field(Schema schema, String column)
    {
        Types.NestedField field = schema.caseInsensitiveFindField(column);
        if (field == null) {
            throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Unknown column '" + column + "'", Map.of("column", column));
        }
        return field;
    }

    /** A literal cast to the column's type; the cast is checked before anything is written. */
    static String typed(Types.NestedField field, String type, Object value, List<TypedValue> values)
    {
        String sql = "CAST(" + literalOf(value, field.name()) + " AS " + type + ")";
        values.add(new TypedValue(field.name(), value, type, sql));
        return sql;
    }

    private static String literalOf(Object value, String column)
    {
        return switch (value) {
            case null -> "NULL";
            case String text -> literal(text);
            case Boolean bool -> bool ? "TRUE" : "FALSE";
            case Number number -> new BigDecimal(number.toString()).toPlainString();
            default -> throw new NeuroLakeException(ErrorCode.INVALID_REQUEST, "Column '" + column + "' needs a string, number, boolean or null, not " + value,
                    Map.of("column", column));
        };
    }

    private static NeuroLakeException invalid(String message)
    {
        return new NeuroLakeException(ErrorCode.INVALID_REQUEST, message, Map.of());
    }

    /** A value of the request, its column and type, and the SQL that casts it. */
    record TypedValue(String column, Object value, String type, String sql) {}
}
