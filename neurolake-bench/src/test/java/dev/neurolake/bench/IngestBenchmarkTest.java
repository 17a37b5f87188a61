package dev.neurolake.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the benchmark working: the whole run, small enough for every build. */
class IngestBenchmarkTest
{
    private static final long ROWS = 20_000;

    @TempDir
    Path workDirectory;

    @Test
    void bothSystemsIngestEveryRow()
            throws IOException
    {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        IngestReport report = IngestBenchmark.run(new IngestBenchmarkSettings(ROWS, 0, 1, workDirectory, Duration.ZERO), new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.csv().rows()).isEqualTo(ROWS);
        assertThat(report.neurolake().rows()).isEqualTo(ROWS);
        assertThat(report.duckdb().rows()).isEqualTo(ROWS);
        assertThat(report.neurolake().outputBytes()).isPositive();
        assertThat(report.duckdb().outputBytes()).isPositive();
        assertThat(report.ratio()).isPositive();
        assertThat(report.markdown()).contains("| NeuroLake | 20,000 |", "| DuckDB COPY | 20,000 |", "NeuroLake / DuckDB throughput", "per-repetition");
        assertThat(report.medianPairedRatio()).isPositive();
        assertThat(report.neurolake().medianCpuSeconds()).isPositive();
        try (var left = Files.list(workDirectory)) {
            assertThat(left).as("the run directory is deleted").isEmpty();
        }
    }

    @Test
    void csvHasHeaderAndFormattedValues()
            throws IOException
    {
        Path file = workDirectory.resolve("lineitem.csv");

        LineitemCsv.GeneratedCsv csv = LineitemCsv.write(file, 3);

        List<String> lines = Files.readAllLines(file);
        assertThat(csv.rows()).isEqualTo(3);
        assertThat(csv.bytes()).isEqualTo(Files.size(file));
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).startsWith("l_orderkey,l_partkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,");
        // Money with two decimals and ISO dates, e.g. 1,...,17.00,...,1996-03-13,...
        assertThat(lines.get(1)).matches("1,\\d+,\\d+,1,\\d+\\.\\d\\d,\\d+\\.\\d\\d,0\\.\\d\\d,0\\.\\d\\d,[A-Z],[A-Z],\\d{4}-\\d\\d-\\d\\d,.*");
    }

    @Test
    void parsesPositionalArguments()
    {
        assertThat(IngestBenchmarkSettings.parse())
                .isEqualTo(new IngestBenchmarkSettings(6_000_000, 1, 3, Path.of("bench-data"), Duration.ofMinutes(2)));
        assertThat(IngestBenchmarkSettings.parse("6_000_000", "0", "5", "/tmp/bench", "0"))
                .isEqualTo(new IngestBenchmarkSettings(6_000_000, 0, 5, Path.of("/tmp/bench"), Duration.ZERO));
    }

    @Test
    void scaleFactorCoversTheRows()
    {
        assertThat(LineitemCsv.initialScaleFactor(6_000_000)).isEqualTo(1.0);
        assertThat(LineitemCsv.initialScaleFactor(20_000)).isEqualTo(0.01);
    }

    @Test
    void moneyHasTwoDecimals()
    {
        StringBuilder text = new StringBuilder();
        LineitemCsv.appendMoney(text, 1234.5);
        text.append(' ');
        LineitemCsv.appendMoney(text, 0.07);
        text.append(' ');
        LineitemCsv.appendMoney(text, -3.1);
        assertThat(text).hasToString("1234.50 0.07 -3.10");
    }

    @Test
    void textIsQuotedOnlyWhenNeeded()
    {
        StringBuilder text = new StringBuilder();
        LineitemCsv.appendText(text, "plain words");
        text.append('|');
        LineitemCsv.appendText(text, "a, \"b\"");
        assertThat(text).hasToString("plain words|\"a, \"\"b\"\"\"");
    }
}
