package dev.neurolake.sql;

import org.duckdb.DuckDBStruct;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads result rows as JSON-ready values: numbers stay numbers (exact decimals included),
 * temporal values become ISO-8601 text, binary becomes base64, lists and structs nest.
 */
final class ResultValues
{
    private ResultValues() {}

    static List<ResultColumn> columns(ResultSetMetaData metadata)
            throws SQLException
    {
        List<ResultColumn> columns = new ArrayList<>();
        for (int index = 1; index <= metadata.getColumnCount(); index++) {
            columns.add(new ResultColumn(metadata.getColumnLabel(index), metadata.getColumnTypeName(index)));
        }
        return columns;
    }

    static List<Object> row(ResultSet resultSet, int columnCount)
            throws SQLException
    {
        List<Object> row = new ArrayList<>(columnCount);
        for (int index = 1; index <= columnCount; index++) {
            row.add(toJson(resultSet.getObject(index)));
        }
        return row;
    }

    static Object toJson(Object value)
            throws SQLException
    {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Boolean bool -> bool;
            case Double number -> Double.isFinite(number) ? number : number.toString();
            case Float number -> Float.isFinite(number) ? number : number.toString();
            case Number number -> number;
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case java.sql.Time time -> time.toLocalTime().toString();
            case TemporalAccessor temporal -> temporal.toString();
            case UUID uuid -> uuid.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Blob blob -> Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
            case DuckDBStruct struct -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map.Entry<String, Object> entry : struct.getMap().entrySet()) {
                    fields.put(entry.getKey(), toJson(entry.getValue()));
                }
                yield fields;
            }
            case Array array -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Object[]) array.getArray()) {
                    items.add(toJson(item));
                }
                yield items;
            }
            case Map<?, ?> map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    entries.put(String.valueOf(toJson(entry.getKey())), toJson(entry.getValue()));
                }
                yield entries;
            }
            default -> value.toString();
        };
    }
}
