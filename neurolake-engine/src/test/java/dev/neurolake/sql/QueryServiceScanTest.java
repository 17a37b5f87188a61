package dev.neurolake.sql;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.governance.TableAccess;
import dev.neurolake.lake.QuerySource;
import dev.neurolake.lake.TableName;
import dev.neurolake.lake.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link QueryService#scan}: every row of the current snapshot, unpaged and unrecorded, for NeuroLake's own bulk readers. */
class QueryServiceScanTest
{
    @TempDir
    static Path dataDirectory;

    private static NeuroLakeEngine engine;

    @BeforeAll
    static void start()
    {
        engine = TestEngines.embedded(dataDirectory);
        engine.writer().write(TableName.parse("scanned.items"), WriteMode.CREATE,
                new QuerySource("SELECT range AS id, CAST(range / 4 AS DECIMAL(15,2)) AS price, DATE '2020-01-01' + CAST(range AS INTEGER) AS day FROM range(25000)", "items"));
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        engine.close();
    }

    @Test
    void streamsEveryRowWithJdbcValuesBeyondAnyPageSizeWithoutHistory()
    {
        List<ResultColumn> columns = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        int historyBefore = engine.queries().history(Optional.empty(), 1000, Optional.empty()).items().size();

        long count = engine.queries().scan("SELECT id, price, day FROM scanned.items WHERE id >= ? ORDER BY id", List.of(5000), TableAccess.UNRESTRICTED, new RowConsumer()
        {
            @Override
            public void columns(List<ResultColumn> scannedColumns)
            {
                columns.addAll(scannedColumns);
            }

            @Override
            public void row(Object[] values)
            {
                rows.add(values);
            }
        });

        assertThat(count).isEqualTo(20_000);
        assertThat(rows).hasSize(20_000);
        assertThat(columns).extracting(ResultColumn::name).containsExactly("id", "price", "day");
        assertThat(rows.getFirst()[0]).isEqualTo(5000L);
        assertThat(rows.getFirst()[1]).isEqualTo(new BigDecimal("1250.00"));
        assertThat(rows.getLast()[0]).isEqualTo(24_999L);
        assertThat(engine.queries().history(Optional.empty(), 1000, Optional.empty()).items()).hasSize(historyBefore);
    }

    @Test
    void aConsumerThatThrowsStopsTheScan()
    {
        List<Object[]> rows = new ArrayList<>();
        IllegalStateException stop = new IllegalStateException("enough");

        assertThatThrownBy(() -> engine.queries().scan("SELECT id FROM scanned.items", List.of(), TableAccess.UNRESTRICTED, new RowConsumer()
        {
            @Override
            public void columns(List<ResultColumn> columns) {}

            @Override
            public void row(Object[] values)
            {
                rows.add(values);
                if (rows.size() == 10) {
                    throw stop;
                }
            }
        })).isSameAs(stop);
        assertThat(rows).hasSize(10);
    }

    @Test
    void checksGrantsAndRefusesWhatUserQueriesMayNotDo()
    {
        RowConsumer ignore = new RowConsumer()
        {
            @Override
            public void columns(List<ResultColumn> columns) {}

            @Override
            public void row(Object[] values) {}
        };

        assertThatThrownBy(() -> engine.queries().scan("SELECT id FROM scanned.items", List.of(), TableAccess.restrictedTo(List.of()), ignore))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_ACCESS_DENIED));
        assertThatThrownBy(() -> engine.queries().scan("SELECT * FROM read_csv('/etc/passwd')", List.of(), TableAccess.UNRESTRICTED, ignore))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.SQL_FORBIDDEN_FUNCTION));
    }
}
