package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlAnalyzerTest
{
    private final SqlAnalyzer analyzer = new SqlAnalyzer();
    private Connection connection;

    @BeforeEach
    void open()
            throws SQLException
    {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close()
            throws SQLException
    {
        connection.close();
    }

    @Test
    void findsTablesInJoinsSubqueriesAndCtesButNotCteNames()
    {
        AnalyzedQuery query = analyzer.analyze(connection, """
                WITH big AS (SELECT * FROM demo.orders WHERE o_totalprice > 100)
                SELECT c.c_name, (SELECT max(l_quantity) FROM demo.lineitem l WHERE l.l_orderkey = big.o_orderkey)
                FROM big JOIN demo.customer c ON c.c_custkey = big.o_custkey
                WHERE c.c_nationkey IN (SELECT n_nationkey FROM nation)
                """);

        assertThat(query.tables()).containsExactly(
                TableName.parse("demo.orders"),
                TableName.parse("demo.lineitem"),
                TableName.parse("demo.customer"),
                TableName.parse("main.nation"));
    }

    @Test
    void cteNameDoesNotHideATableOutsideItsScope()
    {
        AnalyzedQuery query = analyzer.analyze(connection, "SELECT * FROM (WITH t AS (SELECT 1 AS x) SELECT * FROM t) JOIN t ON true");

        assertThat(query.tables()).containsExactly(TableName.parse("main.t"));
    }

    @Test
    void reportsWhereATableIsReferenced()
    {
        AnalyzedQuery query = analyzer.analyze(connection, "SELECT 1 FROM demo.orders");

        assertThat(query.references()).singleElement().satisfies(reference -> assertThat(reference.position()).isEqualTo(14));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_parquet('/data/warehouse/x.parquet')",
            "SELECT * FROM read_text('/etc/hostname')",
            "SELECT * FROM glob('/*')",
            "SELECT * FROM duckdb_settings()",
            "SELECT * FROM demo.orders WHERE o_orderkey IN (SELECT * FROM read_json('/tmp/x.json'))",
    })
    void refusesFileAndCatalogTableFunctions(String sql)
    {
        assertRefused(sql, ErrorCode.SQL_FORBIDDEN_FUNCTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM '/etc/passwd'",
            "FROM 'data.csv'",
            "SELECT * FROM other_catalog.main.t",
            "DESCRIBE demo.orders",
            "SHOW TABLES",
            "SUMMARIZE demo.orders",
    })
    void refusesPathsOtherCatalogsAndIntrospection(String sql)
    {
        assertRefused(sql, ErrorCode.SQL_FORBIDDEN_REFERENCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "COPY demo.orders TO '/tmp/out.csv'",
            "ATTACH '/tmp/other.duckdb'",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "PRAGMA database_list",
            "CREATE TABLE t AS SELECT 1",
            "INSERT INTO t VALUES (1)",
            "DROP TABLE demo.orders",
            "EXPLAIN SELECT 1",
    })
    void refusesEverythingButReads(String sql)
    {
        assertRefused(sql, ErrorCode.SQL_NOT_READ_ONLY);
    }

    @Test
    void refusesMoreThanOneStatement()
    {
        assertRefused("SELECT 1; SELECT 2", ErrorCode.SQL_MULTIPLE_STATEMENTS);
    }

    @Test
    void reportsSyntaxErrorsWithPosition()
    {
        assertThatThrownBy(() -> analyzer.analyze(connection, "SELECT 1\nFRM demo.orders"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.SQL_SYNTAX_ERROR);
                    // "FRM" parses as a column alias, so DuckDB stops at "demo".
                    assertThat(error.details()).containsEntry("line", 2).containsEntry("column", 5);
                });
    }

    @Test
    void allowsComputedRows()
    {
        assertThat(analyzer.analyze(connection, "SELECT * FROM range(10) r, generate_series(1, 3) g, unnest([1, 2])").tables()).isEmpty();
    }

    private void assertRefused(String sql, ErrorCode code)
    {
        assertThatThrownBy(() -> analyzer.analyze(connection, sql))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(code));
    }
}
