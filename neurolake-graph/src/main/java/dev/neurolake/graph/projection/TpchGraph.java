package dev.neurolake.graph.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo graph over the TPC-H demo tables:
 * <pre>
 * (:Customer)-[:PLACED]->(:Order)-[:CONTAINS {lineNumber, quantity, ...}]->(:Part)
 * (:Supplier)-[:SUPPLIES {availableQuantity, supplyCost}]->(:Part)
 * (:Customer)-[:IN_NATION]->(:Nation), (:Supplier)-[:IN_NATION]->(:Nation), (:Nation)-[:IN_REGION]->(:Region)
 * </pre>
 * Every order has one customer, so {@code MATCH (:Customer)-[:PLACED]->(o:Order) RETURN count(o)}
 * equals {@code SELECT count(*) FROM demo.orders}, and every line item is one CONTAINS relationship.
 */
public final class TpchGraph
{
    /** The projection's name. */
    public static final String NAME = "demo";

    private TpchGraph() {}

    public static ProjectionMapping mapping(String namespace)
    {
        return new ProjectionMapping(NAME,
                List.of(
                        new NodeSet(namespace + ".region", "r_regionkey", "Region", "regionKey", properties("r_name", "name")),
                        new NodeSet(namespace + ".nation", "n_nationkey", "Nation", "nationKey", properties("n_name", "name")),
                        new NodeSet(namespace + ".customer", "c_custkey", "Customer", "customerKey",
                                properties("c_name", "name", "c_mktsegment", "marketSegment", "c_acctbal", "accountBalance", "c_phone", "phone")),
                        new NodeSet(namespace + ".supplier", "s_suppkey", "Supplier", "supplierKey",
                                properties("s_name", "name", "s_acctbal", "accountBalance", "s_phone", "phone")),
                        new NodeSet(namespace + ".part", "p_partkey", "Part", "partKey",
                                properties("p_name", "name", "p_brand", "brand", "p_type", "type", "p_size", "size", "p_retailprice", "retailPrice")),
                        new NodeSet(namespace + ".orders", "o_orderkey", "Order", "orderKey",
                                properties("o_orderstatus", "status", "o_totalprice", "totalPrice", "o_orderdate", "orderDate", "o_orderpriority", "priority"))),
                List.of(
                        new RelationshipSet(namespace + ".orders", "PLACED", RelationshipEndpoint.of("Customer", "o_custkey"), RelationshipEndpoint.of("Order", "o_orderkey"),
                                Map.of(), List.of()),
                        new RelationshipSet(namespace + ".lineitem", "CONTAINS", RelationshipEndpoint.of("Order", "l_orderkey"), RelationshipEndpoint.of("Part", "l_partkey"),
                                properties("l_linenumber", "lineNumber", "l_quantity", "quantity", "l_extendedprice", "extendedPrice", "l_discount", "discount", "l_shipdate", "shipDate"),
                                List.of("lineNumber")),
                        new RelationshipSet(namespace + ".partsupp", "SUPPLIES", RelationshipEndpoint.of("Supplier", "ps_suppkey"), RelationshipEndpoint.of("Part", "ps_partkey"),
                                properties("ps_availqty", "availableQuantity", "ps_supplycost", "supplyCost"), List.of()),
                        new RelationshipSet(namespace + ".customer", "IN_NATION", RelationshipEndpoint.of("Customer", "c_custkey"), RelationshipEndpoint.of("Nation", "c_nationkey"),
                                Map.of(), List.of()),
                        new RelationshipSet(namespace + ".supplier", "IN_NATION", RelationshipEndpoint.of("Supplier", "s_suppkey"), RelationshipEndpoint.of("Nation", "s_nationkey"),
                                Map.of(), List.of()),
                        new RelationshipSet(namespace + ".nation", "IN_REGION", RelationshipEndpoint.of("Nation", "n_nationkey"), RelationshipEndpoint.of("Region", "n_regionkey"),
                                Map.of(), List.of())));
    }

    private static Map<String, String> properties(String... columnsAndNames)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int index = 0; index < columnsAndNames.length; index += 2) {
            properties.put(columnsAndNames[index], columnsAndNames[index + 1]);
        }
        return properties;
    }
}
