package dev.neurolake.sql;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import dev.neurolake.metadata.MetadataConnection;
import dev.neurolake.metadata.MetadataDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryServiceTest
{
    private static final String ENDLESS = "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b, main.numbers";

    @TempDir
    static Path dataDirectory;

    private static NeuroLakeEngine engine;

    @BeforeAll
    static void start()
    {
        engine = TestEngines.start(dataDirectory, MetadataConnection.of(MetadataDatabase.embeddedUrl(dataDirectory)),
                new QuerySettings(1000, 100_000, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(1), 2));
        engine.writer().write(TableName.parse("numbers"), WriteMode.CREATE, new QuerySource("SELECT range AS n, 'v' || range AS label FROM range(2500)", "numbers"));
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        engine.close();
    }

    @Test
    void pagesThroughAllRowsWithTheCursor()
    {
        QueryResult first = engine.queries().execute(new QueryRequest("SELECT n FROM numbers ORDER BY n", List.of(), OptionalInt.of(1000), Optional.empty(), Optional.empty(), TableAccess.UNRESTRICTED));
        List<Object> seen = new ArrayList<>(first.rows().stream().map(List::getFirst).toList());
        QueryResult page = first;
        int pages = 1;
        while (page.truncated()) {
            page = engine.queries().fetch(page.queryId(), page.nextCursor().orElseThrow());
            seen.addAll(page.rows().stream().map(List::getFirst).toList());
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(2500).startsWith(0L, 1L).endsWith(2499L);
        assertThat(engine.queries().history(Optional.empty(), 50, Optional.empty()).items())
                .filteredOn(entry -> entry.queryId().equals(first.queryId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.rows().getAsLong()).isEqualTo(2500));
        assertThatThrownBy(() -> engine.queries().fetch(first.queryId(), "3"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.CURSOR_EXPIRED));
    }

    @Test
    void exactPageDoesNotClaimMoreRows()
    {
        QueryResult result = engine.queries().execute(new QueryRequest("SELECT n FROM numbers LIMIT 10", List.of(), OptionalInt.of(10), Optional.empty(), Optional.empty(), TableAccess.UNRESTRICTED));

        assertThat(result.rows()).hasSize(10);
        assertThat(result.truncated()).isFalse();
        assertThat(result.nextCursor()).isEmpty();
    }

    @Test
    void bindsParameters()
    {
        QueryResult result = engine.queries().execute(new QueryRequest("SELECT label FROM numbers WHERE n = ? OR label = $2 ORDER BY n", List.of(7, "v9"), OptionalInt.empty(), Optional.empty(), Optional.empty(), TableAccess.UNRESTRICTED));

        assertThat(result.rows()).containsExactly(List.of("v7"), List.of("v9"));
    }

    @Test
    void timeoutCancelsTheQueryInsideDuckDb()
    {
        long start = System.nanoTime();
        assertThatThrownBy(() -> engine.queries().execute(new QueryRequest(ENDLESS, List.of(), OptionalInt.empty(), Optional.of(Duration.ofSeconds(1)), Optional.empty(), TableAccess.UNRESTRICTED)))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.QUERY_TIMEOUT));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(engine.queries().runningQueries()).isEmpty();
        assertThat(engine.queries().history(Optional.empty(), 50, Optional.empty()).items())
                .filteredOn(entry -> entry.sql().equals(ENDLESS))
                .first()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(QueryStatus.TIMED_OUT));
        // DuckDB is free again: the interrupted query left no runaway work behind.
        assertThat(engine.queries().execute(QueryRequest.of("SELECT count(*) FROM numbers")).rows()).containsExactly(List.of(2500L));
    }

    @Test
    void cancelStopsARunningQuery()
            throws Exception
    {
        CompletableFuture<QueryResult> running = CompletableFuture.supplyAsync(() -> engine.queries().execute(QueryRequest.of(ENDLESS)));
        String queryId = awaitRunning();

        assertThat(engine.queries().cancel(queryId)).isEqualTo(QueryStatus.CANCELLED);

        assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(NeuroLakeException.class)
                .cause()
                .satisfies(error -> assertThat(((NeuroLakeException) error).code()).isEqualTo(ErrorCode.QUERY_CANCELLED));
        assertThat(engine.queries().history(Optional.empty(), 50, Optional.empty()).items())
                .filteredOn(entry -> entry.queryId().equals(queryId))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(QueryStatus.CANCELLED));
        assertThatThrownBy(() -> engine.queries().cancel(queryId))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.QUERY_NOT_RUNNING));
    }

    @Test
    void unknownTableIsReportedWithItsPosition()
    {
        assertThatThrownBy(() -> engine.queries().execute(QueryRequest.of("SELECT * FROM numbers JOIN nowhere.missing ON true")))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
                    assertThat(error.details()).containsEntry("table", "nowhere.missing").containsEntry("position", 27);
                });
    }

    @Test
    void seesNewSnapshotsAfterEachCommit()
    {
        TableName table = TableName.parse("growing");
        engine.writer().write(table, WriteMode.CREATE, new QuerySource("SELECT 1 AS x", "one row"));
        assertThat(engine.queries().execute(QueryRequest.of("SELECT count(*) FROM growing")).rows()).containsExactly(List.of(1L));

        engine.writer().write(table, WriteMode.APPEND, new QuerySource("SELECT 2 AS x", "another row"));

        assertThat(engine.queries().execute(QueryRequest.of("SELECT count(*) FROM growing")).rows()).containsExactly(List.of(2L));
    }

    private static String awaitRunning()
            throws InterruptedException
    {
        for (int attempt = 0; attempt < 200; attempt++) {
            List<String> running = engine.queries().runningQueries();
            if (!running.isEmpty()) {
                return running.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query never started");
    }
}
