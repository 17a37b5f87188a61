package dev.neurolake.lake;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps between DuckDB's SQL types and Iceberg's table types. Iceberg is the source of truth for
 * a table's schema; DuckDB reads and writes the Parquet files.
 */
public final class LakeTypes
{
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private LakeTypes() {}

    /** The DuckDB type that holds values of an Iceberg type. */
    public static String duckDbType(Type type)
    {
        return switch (type.typeId()) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> {
                Types.DecimalType decimal = (Types.DecimalType) type;
                yield "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
            }
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
            case STRING -> "VARCHAR";
            case UUID -> "UUID";
            case BINARY, FIXED -> "BLOB";
            default -> throw new IllegalArgumentException("Unsupported column type: " + type);
        };
    }

    /**
     * The Iceberg type NeuroLake stores a DuckDB-typed source column as. Types Iceberg lacks
     * (nested values, intervals, unsigned 64-bit) are stored as text; see {@link #needsTextConversion}.
     */
    public static Type icebergType(String duckDbType)
    {
        String type = duckDbType.trim().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return Types.DecimalType.of(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return switch (type) {
            case "BOOLEAN" -> Types.BooleanType.get();
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> Types.IntegerType.get();
            case "BIGINT", "UINTEGER" -> Types.LongType.get();
            case "HUGEINT", "UBIGINT", "UHUGEINT" -> Types.DecimalType.of(38, 0);
            case "FLOAT" -> Types.FloatType.get();
            case "DOUBLE" -> Types.DoubleType.get();
            case "DATE" -> Types.DateType.get();
            case "TIME" -> Types.TimeType.get();
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> Types.TimestampType.withoutZone();
            case "TIMESTAMP WITH TIME ZONE" -> Types.TimestampType.withZone();
            case "UUID" -> Types.UUIDType.get();
            case "BLOB" -> Types.BinaryType.get();
            default -> Types.StringType.get();
        };
    }

    /** Whether a source column must be rendered as JSON text to be stored (nested types). */
    public static boolean needsTextConversion(String duckDbType)
    {
        String type = duckDbType.trim().toUpperCase(Locale.ROOT);
        return type.startsWith("STRUCT") || type.startsWith("MAP") || type.endsWith("]") || type.startsWith("UNION");
    }
}
