package dev.neurolake.graph;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Point;
import org.neo4j.driver.types.Relationship;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts values in both directions: Neo4j results to JSON-ready values (nodes, relationships
 * and paths as maps, temporal values as ISO-8601 text), and request or lake values to types
 * the driver can send as parameters.
 */
public final class GraphValues
{
    private GraphValues() {}

    /** A record as JSON-ready values in column order; its nodes and relationships are also added to {@code graph}. */
    static List<Object> row(Record record, GraphCollector graph)
    {
        List<Object> row = new ArrayList<>(record.size());
        for (Value value : record.values()) {
            row.add(toJson(value.asObject(), graph));
        }
        return row;
    }

    /** A record as a map of column to JSON-ready value. */
    static Map<String, Object> map(Record record, GraphCollector graph)
    {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : record.keys()) {
            map.put(key, toJson(record.get(key).asObject(), graph));
        }
        return map;
    }

    static Object toJson(Object value, GraphCollector graph)
    {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Boolean bool -> bool;
            case Double number -> Double.isFinite(number) ? number : number.toString();
            case Number number -> number;
            case Node node -> {
                graph.add(node, properties(node.asMap(), graph));
                yield nodeJson(node, graph);
            }
            case Relationship relationship -> {
                graph.add(relationship, properties(relationship.asMap(), graph));
                yield relationshipJson(relationship, graph);
            }
            case Path path -> {
                List<Object> nodes = new ArrayList<>();
                List<Object> relationships = new ArrayList<>();
                path.nodes().forEach(node -> nodes.add(toJson(node, graph)));
                path.relationships().forEach(relationship -> relationships.add(toJson(relationship, graph)));
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("nodes", nodes);
                json.put("relationships", relationships);
                yield json;
            }
            case Point point -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("srid", point.srid());
                json.put("x", point.x());
                json.put("y", point.y());
                if (!Double.isNaN(point.z())) {
                    json.put("z", point.z());
                }
                yield json;
            }
            case IsoDuration duration -> duration.toString();
            case TemporalAccessor temporal -> temporal.toString();
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Map<?, ?> map -> {
                Map<String, Object> json = new LinkedHashMap<>();
                map.forEach((key, item) -> json.put(String.valueOf(key), toJson(item, graph)));
                yield json;
            }
            case Collection<?> items -> {
                List<Object> json = new ArrayList<>(items.size());
                items.forEach(item -> json.add(toJson(item, graph)));
                yield json;
            }
            default -> value.toString();
        };
    }

    private static Map<String, Object> nodeJson(Node node, GraphCollector graph)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("elementId", node.elementId());
        List<String> labels = new ArrayList<>();
        node.labels().forEach(labels::add);
        json.put("labels", labels);
        json.put("properties", properties(node.asMap(), graph));
        return json;
    }

    private static Map<String, Object> relationshipJson(Relationship relationship, GraphCollector graph)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("elementId", relationship.elementId());
        json.put("type", relationship.type());
        json.put("startNodeElementId", relationship.startNodeElementId());
        json.put("endNodeElementId", relationship.endNodeElementId());
        json.put("properties", properties(relationship.asMap(), graph));
        return json;
    }

    private static Map<String, Object> properties(Map<String, Object> properties, GraphCollector graph)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        properties.forEach((key, item) -> json.put(key, toJson(item, graph)));
        return json;
    }

    /** Parameters as the driver accepts them. */
    public static Map<String, Object> parameters(Map<String, Object> parameters)
    {
        Map<String, Object> converted = new LinkedHashMap<>();
        parameters.forEach((key, value) -> converted.put(key, parameter(value)));
        return converted;
    }

    /**
     * A JSON or lake value as a driver parameter. Neo4j has no decimal type: exact decimals
     * become floats unless they are whole numbers that fit an integer; UUIDs become text.
     */
    public static Object parameter(Object value)
    {
        return switch (value) {
            case null -> null;
            case Value driverValue -> driverValue;
            case String text -> text;
            case Boolean bool -> bool;
            case Long number -> number;
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Byte number -> number.longValue();
            case Double number -> number;
            case Float number -> number.doubleValue();
            case BigDecimal number -> decimal(number);
            case BigInteger number -> number.bitLength() < 64 ? (Object) number.longValue() : number.toString();
            case java.sql.Date date -> date.toLocalDate();
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime();
            case java.sql.Time time -> time.toLocalTime();
            case TemporalAccessor temporal -> temporal;
            case UUID uuid -> uuid.toString();
            case byte[] bytes -> bytes;
            case Blob blob -> blobBytes(blob);
            case Map<?, ?> map -> {
                Map<String, Object> converted = new LinkedHashMap<>();
                map.forEach((key, item) -> converted.put(String.valueOf(key), parameter(item)));
                yield converted;
            }
            case Collection<?> items -> {
                List<Object> converted = new ArrayList<>(items.size());
                items.forEach(item -> converted.add(parameter(item)));
                yield converted;
            }
            case Object[] items -> {
                List<Object> converted = new ArrayList<>(items.length);
                for (Object item : items) {
                    converted.add(parameter(item));
                }
                yield converted;
            }
            default -> value.toString();
        };
    }

    /**
     * A decimal by its declared scale, not its value, so a column gives one property type:
     * with no fraction digits an integer (when it fits), otherwise a float.
     */
    private static Object decimal(BigDecimal number)
    {
        if (number.scale() <= 0) {
            try {
                return number.longValueExact();
            }
            catch (ArithmeticException e) {
                // Too large for an integer: a float keeps its magnitude.
            }
        }
        return number.doubleValue();
    }

    private static byte[] blobBytes(Blob blob)
    {
        try {
            return blob.getBytes(1, (int) blob.length());
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot read binary value: " + e.getMessage(), e);
        }
    }
}
