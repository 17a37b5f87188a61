package dev.neurolake.demo;

import dev.neurolake.duckdb.DuckDbRuntime;
import dev.neurolake.lake.LakeWriter;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.lake.WriteResult;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
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
                statement.execute(TpchStaging.createTable(staging, table));
                TpchStaging.append(connection.unwrap(DuckDBConnection.class), STAGING_SCHEMA, table.getTableName(), table, scaleFactor);
            }
            return null;
        });
        try {
            return writer.write(new TableName(namespace, table.getTableName()), WriteMode.REPLACE,
                    new QuerySource(TpchStaging.select(table, staging), "TPC-H " + table.getTableName()));
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
}
