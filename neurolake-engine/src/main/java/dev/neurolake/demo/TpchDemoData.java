package dev.neurolake.demo;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.lake.LakeWriter;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.lake.WriteResult;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.neurolake.duckdb.DuckDbSql.quote;
import static java.util.Objects.requireNonNull;

/**
 * Generates the TPC-H tables in-process (the Trino TPC-H generator) and writes them as lake
 * tables: the demo dataset a new user can query at once. Money columns are DECIMAL(15,2) and
 * dates DATE, as the TPC-H specification defines them.
 */
public final class TpchDemoData
{
    private static final String STAGING_SCHEMA = "nl_staging";

    private final DuckDbRuntime duckdb;
    private final LakeWriter writer;

    public TpchDemoData(DuckDbRuntime duckdb, LakeWriter writer)
    {
        this.duckdb = requireNonNull(duckdb, "duckdb is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    /** Creates all eight TPC-H tables in a namespace; returns what each write committed. */
    public List<WriteResult> load(String namespace, double scaleFactor)
    {
        List<WriteResult> results = new ArrayList<>();
        for (TpchTable<?> table : TpchTable.getTables()) {
            results.add(load(namespace, table, scaleFactor));
        }
        return results;
    }

    private <E extends TpchEntity> WriteResult load(String namespace, TpchTable<E> table, double scaleFactor)
    {
        String staging = quote(STAGING_SCHEMA) + "." + quote(table.getTableName());
        duckdb.call(() -> {
            try (Connection connection = duckdb.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(STAGING_SCHEMA));
                statement.execute("CREATE OR REPLACE TABLE " + staging + " (" + String.join(", ", table.getColumns().stream().map(column -> quote(column.getColumnName()) + " " + stagingType(column)).toList()) + ")");
                append(connection.unwrap(DuckDBConnection.class), table, scaleFactor);
            }
            return null;
        });
        try {
            List<String> projection = table.getColumns().stream().map(TpchDemoData::projection).toList();
            return writer.write(new TableName(namespace, table.getTableName()), WriteMode.REPLACE,
                    new QuerySource("SELECT " + String.join(", ", projection) + " FROM " + staging, "TPC-H " + table.getTableName()));
        }
        finally {
            duckdb.call(() -> {
                try (Connection connection = duckdb.connect(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + staging);
                }
                return null;
            });
        }
    }

    private static <E extends TpchEntity> void append(DuckDBConnection connection, TpchTable<E> table, double scaleFactor)
            throws SQLException
    {
        List<TpchColumn<E>> columns = table.getColumns();
        try (DuckDBAppender appender = connection.createAppender(STAGING_SCHEMA, table.getTableName())) {
            for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
                appender.beginRow();
                for (TpchColumn<E> column : columns) {
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
