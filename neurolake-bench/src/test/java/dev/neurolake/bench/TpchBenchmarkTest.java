package dev.neurolake.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Keeps the TPC-H benchmark working: the whole flow against the packaged server, at a tiny scale factor. */
class TpchBenchmarkTest
{
    /** Tests run in the module's directory; the reactor packages the server first (see the POM). */
    private static final Path SERVER_JAR = Path.of("..", "neurolake-server", "target", "neurolake-server.jar");
    /** Small pages, so that the larger results come in several pages through nextUri. */
    private static final int MAX_ROWS = 100;

    @TempDir
    Path workDirectory;

    @Test
    @Timeout(180)
    void bothSystemsReturnTheSameRowsForAll22Queries()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(SERVER_JAR), "No server jar at " + SERVER_JAR.toAbsolutePath() + ": run the build's package phase (./mvnw -B -pl neurolake-bench -am verify)");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        TpchBenchmarkSettings settings = new TpchBenchmarkSettings(0.01, 0, 1, workDirectory, Duration.ZERO, 2, SERVER_JAR, MAX_ROWS, 5, 5);

        TpchReport report = TpchBenchmark.run(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.uploads()).extracting(TpchReport.UploadedTable::name)
                .containsExactly("customer", "orders", "lineitem", "part", "partsupp", "supplier", "nation", "region");
        assertThat(report.uploads()).filteredOn(upload -> upload.name().equals("lineitem")).singleElement()
                .satisfies(lineitem -> assertThat(lineitem.rows()).isBetween(55_000L, 65_000L));
        assertThat(report.queries()).hasSize(22);
        assertThat(report.queries()).allSatisfy(query -> {
            assertThat(query.rowCountsMatch()).as("%s row counts", query.name()).isTrue();
            assertThat(query.difference()).as("%s values", query.name()).isEmpty();
            assertThat(query.neurolake().getFirst().serverMillis()).isPresent();
        });
        assertThat(report.queries()).as("a result larger than a page, read through nextUri").anySatisfy(query -> assertThat(query.rows()).isGreaterThan(MAX_ROWS));
        assertThat(report.queries().stream().mapToLong(QueryComparison::rows).sum()).isPositive();
        assertThat(report.probe().rows()).isEqualTo(1);
        assertThat(report.probe().raw()).hasSize(5);
        assertThat(report.ratio()).isPositive();
        assertThat(report.markdown()).contains("| Q1 | ", "| Q22 | ", "**geometric mean**", "NeuroLake / raw DuckDB, geometric mean", "22 of 22 queries returned the same number of rows");
        try (var left = Files.list(workDirectory)) {
            assertThat(left).as("the run directory is deleted").isEmpty();
        }
    }

    @Test
    void queriesAreTheStandard22WithQ11ScaledFraction()
    {
        List<TpchQuery> atOne = TpchQueries.all(1);
        List<TpchQuery> atOneHundredth = TpchQueries.all(0.01);

        assertThat(atOne).extracting(TpchQuery::number).containsExactlyElementsOf(range(1, 22));
        assertThat(atOne).allSatisfy(query -> assertThat(query.sql()).contains("tpch."));
        assertThat(atOne.get(10).sql()).doesNotContain("%s");
        assertThat(atOne.get(10).sql()).contains("* 0.0001\n");
        assertThat(atOneHundredth.get(10).sql()).contains("* 0.01\n");
        assertThat(atOne.get(15).expectedRows(1)).hasValue(18_314);
        assertThat(atOne.get(15).expectedRows(0.01)).isEmpty();
    }

    @Test
    void parsesPositionalArguments()
    {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(TpchBenchmarkSettings.parse())
                .isEqualTo(new TpchBenchmarkSettings(1, 1, 5, Path.of("bench-data"), Duration.ofSeconds(30), processors,
                        Path.of("neurolake-server/target/neurolake-server.jar"), 100_000, 500, 50));
        assertThat(TpchBenchmarkSettings.parse("0.1", "0", "3", "/tmp/bench", "0", "4", "/tmp/server.jar"))
                .isEqualTo(new TpchBenchmarkSettings(0.1, 0, 3, Path.of("/tmp/bench"), Duration.ZERO, 4, Path.of("/tmp/server.jar"), 100_000, 500, 50));
    }

    @Test
    void comparisonToleratesTiesAndDoubleRounding()
    {
        List<List<Object>> expected = List.of(
                List.of("a", new BigDecimal("1.50")),
                List.of("b", new BigDecimal("1.50")),
                List.of("c", new BigDecimal("0.3333333333333333")));
        List<List<Object>> tiesSwapped = List.of(
                List.of("b", new BigDecimal("1.5")),
                List.of("a", new BigDecimal("1.50")),
                List.of("c", new BigDecimal("0.33333333333333337")));

        assertThat(ResultComparison.difference(expected, tiesSwapped)).isEmpty();
        assertThat(ResultComparison.difference(expected, expected.subList(0, 2))).hasValue("2 rows instead of 3");
        assertThat(ResultComparison.difference(expected, List.of(expected.get(0), expected.get(1), List.of("c", new BigDecimal("0.34")))))
                .hasValueSatisfying(difference -> assertThat(difference).startsWith("row 3, column 2"));
    }

    private static List<Integer> range(int first, int last)
    {
        List<Integer> numbers = new ArrayList<>();
        for (int number = first; number <= last; number++) {
            numbers.add(number);
        }
        return numbers;
    }
}
