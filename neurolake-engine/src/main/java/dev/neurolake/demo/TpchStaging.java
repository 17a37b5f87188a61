package dev.neurolake.demo;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;

import static dev.neurolake.duckdb.DuckDbSql.quote;

/**
 * TPC-H rows from the Trino generator into a DuckDB staging table, and the query that turns
 * them into the specification's types: what the demo dataset and the benchmarks share, so
 * both hold exactly the same data.
 */
public final class TpchStaging
{
    private TpchStaging() {}

    /** {@code CREATE OR REPLACE TABLE} for the generator's values; {@code qualifiedName} is already quoted. */
    public static String createTable(String qualifiedName, TpchTable<?> table)
    {
        return "CREATE OR REPLACE TABLE " + qualifiedName + " ("
                + String.join(", ", table.getColumns().stream().map(column -> quote(column.getColumnName()) + " " + stagingType(column)).toList()) + ")";
    }

    /** Generates the whole table (one part of one) into the staging table through DuckDB's appender. */
    public static <E extends TpchEntity> void append(DuckDBConnection connection, String schema, String tableName, TpchTable<E> table, double scaleFactor)
            throws SQLException
    {
        try (DuckDBAppender appender = connection.createAppender(schema, tableName)) {
            for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
                appender.beginRow();
                for (TpchColumn<E> column : table.getColumns()) {
                    switch (column.getType().getBase()) {
                        case IDENTIFIER -> appender.append(column.getIdentifier(entity));
                        case INTEGER -> appender.append(column.getInteger(entity));
                        case DATE -> appender.append(column.getDate(entity));
                        case DOUBLE -> appender.append(column.getDouble(entity));
                        case VARCHAR -> appender.append(column.getString(entity));
                    }
                }
                appender.endRow();
            }
        }
    }

    /** {@code SELECT} over the staging table with money as DECIMAL(15,2) and dates as DATE. */
    public static String select(TpchTable<?> table, String qualifiedName)
    {
        return "SELECT " + String.join(", ", table.getColumns().stream().map(TpchStaging::projection).toList()) + " FROM " + qualifiedName;
    }

    private static String stagingType(TpchColumn<?> column)
    {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> "BIGINT";
            case INTEGER, DATE -> "INTEGER";
            case DOUBLE -> "DOUBLE";
            case VARCHAR -> "VARCHAR";
        };
    }

    private static String projection(TpchColumn<?> column)
    {
        String name = quote(column.getColumnName());
        return switch (column.getType().getBase()) {
            // The generator counts dates in days since 1970-01-01 and money in binary doubles.
            case DATE -> "CAST(DATE '1970-01-01' + " + name + " AS DATE) AS " + name;
            case DOUBLE -> "CAST(" + name + " AS DECIMAL(15,2)) AS " + name;
            default -> name;
        };
    }
}
