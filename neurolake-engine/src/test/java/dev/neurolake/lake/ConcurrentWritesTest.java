package dev.neurolake.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.sql.QueryRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers to one table: Iceberg's optimistic commits with retry lose nothing. */
class ConcurrentWritesTest
{
    @TempDir
    Path dataDirectory;

    private NeuroLakeEngine engine;

    @BeforeEach
    void start()
    {
        engine = TestEngines.embedded(dataDirectory);
    }

    @AfterEach
    void stop()
            throws IOException
    {
        engine.close();
    }

    @Test
    void eightWritersTimesFiftyInsertsAreAllKept()
            throws Exception
    {
        run("CREATE TABLE race.events AS SELECT 0 AS writer, 0 AS sequence WHERE false");
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                int id = writer;
                done.add(writers.submit(() -> {
                    for (int sequence = 0; sequence < 50; sequence++) {
                        run("INSERT INTO race.events VALUES (" + id + ", " + sequence + ")");
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            writers.shutdownNow();
        }

        assertThat(count("SELECT count(*) FROM race.events")).isEqualTo(400);
        assertThat(count("SELECT count(DISTINCT (writer, sequence)) FROM race.events")).isEqualTo(400);
        assertThat(engine.catalog().snapshots(TableName.parse("race.events"))).hasSize(401);
    }

    @Test
    void updatesRacingDeletesEndAsSomeSerialOrder()
            throws Exception
    {
        run("CREATE TABLE race.accounts AS SELECT range AS id, 0 AS touched FROM range(200)");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            // Updaters mark every row whose id falls in their band; deleters remove every multiple of their number.
            for (int band = 0; band < 2; band++) {
                int low = band * 100;
                done.add(writers.submit(() -> {
                    for (int round = 1; round <= 5; round++) {
                        run("UPDATE race.accounts SET touched = touched + 1 WHERE id >= " + low + " AND id < " + (low + 100));
                    }
                    return null;
                }));
            }
            for (int divisor : new int[] {3, 5}) {
                done.add(writers.submit(() -> {
                    run("DELETE FROM race.accounts WHERE id % " + divisor + " = 0");
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            writers.shutdownNow();
        }

        // Whatever the interleaving, a serial order leaves exactly the ids that are multiples of
        // neither 3 nor 5, each updated by all five rounds of its band's updater.
        Set<Long> expected = new HashSet<>();
        for (long id = 0; id < 200; id++) {
            if (id % 3 != 0 && id % 5 != 0) {
                expected.add(id);
            }
        }
        List<List<Object>> rows = engine.queries().execute(QueryRequest.of("SELECT id, touched FROM race.accounts ORDER BY id")).rows();
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> ids.add(((Number) row.get(0)).longValue()));
        assertThat(ids).isEqualTo(expected);
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get(1)).intValue()).isEqualTo(5));
    }

    private void run(String sql)
    {
        engine.queries().execute(QueryRequest.of(sql));
    }

    private long count(String sql)
    {
        return ((Number) engine.queries().execute(QueryRequest.of(sql)).rows().getFirst().getFirst()).longValue();
    }
}
