package dev.neurolake.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** The outcome of one benchmark run, rendered as Markdown for docs/benchmarks.md. */
record IngestReport(LineitemCsv.GeneratedCsv csv, SystemResult neurolake, SystemResult duckdb)
{
    /** The acceptance target: NeuroLake ingests at least this fraction of DuckDB's throughput. */
    static final double TARGET_RATIO = 0.7;

    IngestReport
    {
        requireNonNull(csv, "csv is null");
        requireNonNull(neurolake, "neurolake is null");
        requireNonNull(duckdb, "duckdb is null");
    }

    /** NeuroLake's throughput as a fraction of DuckDB's. */
    double ratio()
    {
        return neurolake.rowsPerSecond() / duckdb.rowsPerSecond();
    }

    /**
     * The ratio within each repetition, whose two runs ran back to back: on a shared machine
     * they saw about the same load, so their median is steadier than the ratio of medians.
     */
    double medianPairedRatio()
    {
        List<Double> ratios = new ArrayList<>();
        for (int index = 0; index < Math.min(neurolake.runs().size(), duckdb.runs().size()); index++) {
            ratios.add(throughput(neurolake.runs().get(index)) / throughput(duckdb.runs().get(index)));
        }
        return SystemResult.median(ratios);
    }

    private static double throughput(IngestRun run)
    {
        return run.rows() / (run.elapsed().toNanos() / 1e9);
    }

    boolean meetsTarget()
    {
        return ratio() >= TARGET_RATIO;
    }

    String markdown()
    {
        StringBuilder text = new StringBuilder();
        text.append("| System | Rows | CSV bytes | Parquet bytes | Median s | Rows/s | CSV MB/s | Median CPU s | Runs (s) |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (SystemResult result : List.of(neurolake, duckdb)) {
            text.append(format("| %s | %,d | %,d | %,d | %.2f | %,.0f | %.1f | %.2f | %s |\n",
                    result.name(), result.rows(), csv.bytes(), result.outputBytes(), result.medianSeconds(), result.rowsPerSecond(),
                    csv.bytes() / 1e6 / result.medianSeconds(), result.medianCpuSeconds(),
                    result.allSeconds().stream().map(seconds -> format("%.2f", seconds)).collect(Collectors.joining(", "))));
        }
        text.append('\n');
        text.append(format("- NeuroLake / DuckDB throughput (median times): **%.2f×** (target ≥ %.1f×: %s)\n",
                ratio(), TARGET_RATIO, meetsTarget() ? "met" : "NOT met"));
        text.append(format("- Median of the per-repetition throughput ratios (both systems back to back): %.2f×\n", medianPairedRatio()));
        text.append(format("- Process CPU time NeuroLake / DuckDB (medians): %.2f×\n", neurolake.medianCpuSeconds() / duckdb.medianCpuSeconds()));
        return text.toString();
    }

    private static String format(String pattern, Object... arguments)
    {
        // A fixed locale keeps the decimal point and thousands separator stable in the docs.
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
