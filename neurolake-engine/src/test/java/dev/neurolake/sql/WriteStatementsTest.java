package dev.neurolake.sql;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.Grant;
import dev.neurolake.governance.Privilege;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteStatementsTest
{
    @TempDir
    static Path dataDirectory;

    private static NeuroLakeEngine engine;

    @BeforeAll
    static void start()
    {
        engine = TestEngines.embedded(dataDirectory);
        engine.writer().write(TableName.parse("shop.orders"), WriteMode.CREATE,
                new QuerySource("SELECT range AS o_orderkey, range % 7 AS o_custkey, CAST(range * 1.5 AS DECIMAL(15,2)) AS o_totalprice FROM range(1, 1001)", "orders"));
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        engine.close();
    }

    @Test
    void sessionOfWritesIsReadableAsOfEverySnapshot()
            throws InterruptedException
    {
        QueryResult created = run("CREATE TABLE shop.big_orders AS SELECT * FROM shop.orders WHERE o_totalprice > 1200");
        assertWrite(created, 200);
        Thread.sleep(5);
        Instant afterCreate = Instant.now();
        Thread.sleep(5);
        assertWrite(run("INSERT INTO shop.big_orders VALUES (5000, 1, 9999.99), (5001, 2, 8888.88)"), 2);
        assertWrite(run("INSERT INTO shop.big_orders (o_orderkey, o_totalprice) SELECT o_orderkey + 10000, o_totalprice FROM shop.orders WHERE o_orderkey <= 3"), 3);
        assertWrite(run("UPDATE shop.big_orders SET o_totalprice = o_totalprice * 2, o_custkey = 99 WHERE o_orderkey >= 5000"), 5);
        long toDelete = count("SELECT count(*) FROM shop.big_orders WHERE o_custkey = 3");
        assertThat(toDelete).isPositive();
        assertWrite(run("DELETE FROM shop.big_orders WHERE o_custkey = 3"), toDelete);

        List<Long> snapshots = new ArrayList<>();
        engine.catalog().snapshots(TableName.parse("shop.big_orders")).forEach(snapshot -> snapshots.add(snapshot.snapshotId()));
        assertThat(snapshots).hasSize(5);
        List<Long> countsAsOf = new ArrayList<>();
        for (long snapshot : snapshots) {
            countsAsOf.add(count(QueryRequest.of("SELECT count(*) FROM shop.big_orders").withAsOf(AsOf.snapshot(snapshot))));
        }
        long deleted = 200 + 5 - count("SELECT count(*) FROM shop.big_orders");
        assertThat(countsAsOf).containsExactly(200L, 202L, 205L, 205L, 205L - deleted);
        assertThat(count(QueryRequest.of("SELECT count(*) FROM shop.big_orders b WHERE b.o_custkey = 99").withAsOf(AsOf.snapshot(snapshots.get(2))))).isZero();
        assertThat(count(QueryRequest.of("SELECT count(*) FROM shop.big_orders b WHERE b.o_custkey = 99").withAsOf(AsOf.snapshot(snapshots.get(3))))).isEqualTo(5);
        assertThat(count(QueryRequest.of("SELECT count(*) FROM shop.big_orders").withAsOf(AsOf.time(afterCreate)))).isEqualTo(200);
        assertThat(engine.queries().execute(QueryRequest.of("SELECT o_totalprice FROM shop.big_orders WHERE o_orderkey = 5000")).rows())
                .containsExactly(List.of(new java.math.BigDecimal("19999.98")));
    }

    @Test
    void alterTableAddsAndRenamesColumnsThatOldFilesStillRead()
    {
        run("CREATE TABLE shop.evolving AS SELECT 1 AS id, 'a' AS label");
        assertWrite(run("ALTER TABLE shop.evolving ADD COLUMN score DOUBLE"), 0);
        run("ALTER TABLE shop.evolving RENAME COLUMN label TO name");
        run("INSERT INTO shop.evolving VALUES (2, 'b', 2.5)");

        assertThat(engine.queries().execute(QueryRequest.of("SELECT id, name, score FROM shop.evolving ORDER BY id")).rows())
                .containsExactly(java.util.Arrays.asList(1, "a", null), List.of(2, "b", 2.5));
    }

    @Test
    void dropTableRemovesIt()
    {
        run("CREATE TABLE shop.doomed AS SELECT 1 AS x");
        run("DROP TABLE shop.doomed");

        assertThat(engine.catalog().exists(TableName.parse("shop.doomed"))).isFalse();
        assertThatThrownBy(() -> run("DROP TABLE shop.doomed"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
        run("DROP TABLE IF EXISTS shop.doomed");
    }

    @Test
    void writesNeedAWriteGrantAndCheckEveryTableTheyRead()
    {
        TableAccess readOnly = TableAccess.restrictedTo(List.of(grant("shop", Optional.empty(), Privilege.READ)));
        assertDenied(new QueryRequest("DELETE FROM shop.orders WHERE o_orderkey = 1", List.of(), OptionalInt.empty(), Optional.empty(), Optional.of("ann"), readOnly));

        TableAccess writeScratch = TableAccess.restrictedTo(List.of(grant("scratch", Optional.empty(), Privilege.WRITE)));
        assertDenied(new QueryRequest("CREATE TABLE scratch.copy AS SELECT * FROM shop.orders", List.of(), OptionalInt.empty(), Optional.empty(), Optional.of("ann"), writeScratch));
        assertThatThrownBy(() -> run("CREATE TABLE scratch.leak AS SELECT * FROM read_csv('/etc/passwd')"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.SQL_FORBIDDEN_FUNCTION));
        assertThatThrownBy(() -> engine.queries().execute(new QueryRequest("DELETE FROM shop.orders", List.of(), OptionalInt.empty(), Optional.empty(), Optional.of("ann"),
                TableAccess.UNRESTRICTED, Optional.empty(), false)))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> run("CREATE TABLE shop.plain (a INTEGER)"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.SQL_STATEMENT_NOT_SUPPORTED));
    }

    private static void assertDenied(QueryRequest request)
    {
        assertThatThrownBy(() -> engine.queries().execute(request))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_ACCESS_DENIED));
    }

    private static Grant grant(String namespace, Optional<String> table, Privilege privilege)
    {
        return new Grant("g", Grant.GranteeType.USER, "ann", namespace, table, privilege, "admin", Instant.now());
    }

    private static QueryResult run(String sql)
    {
        return engine.queries().execute(QueryRequest.of(sql));
    }

    private static void assertWrite(QueryResult result, long rows)
    {
        assertThat(result.write()).hasValueSatisfying(write -> assertThat(write.rowsAffected()).isEqualTo(rows));
        assertThat(result.rows().getFirst().getFirst()).isEqualTo(rows);
    }

    private static long count(String sql)
    {
        return count(QueryRequest.of(sql));
    }

    private static long count(QueryRequest request)
    {
        return ((Number) engine.queries().execute(request).rows().getFirst().getFirst()).longValue();
    }
}
