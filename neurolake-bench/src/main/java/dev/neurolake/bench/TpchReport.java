package dev.neurolake.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one TPC-H run, rendered as Markdown for docs/benchmarks.md.
 *
 * @param environment JDK, DuckDB version, threads: what the numbers were measured with
 * @param uploads the tables as the upload API loaded them
 * @param probe a trivial query, run many times: the fixed cost of a query on each side
 * @param queries the 22 TPC-H queries, in order
 * @param pairs measured pairs of runs
 * @param busyPairs pairs that started although the machine was still busy after the quiet wait
 */
record TpchReport(TpchBenchmarkSettings settings, String environment, List<UploadedTable> uploads, QueryComparison probe, List<QueryComparison> queries, int pairs, int busyPairs)
{
    /** The acceptance target: NeuroLake's geometric mean at most this multiple of raw DuckDB's. */
    static final double TARGET_RATIO = 1.15;

    TpchReport
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(environment, "environment is null");
        uploads = List.copyOf(requireNonNull(uploads, "uploads is null"));
        requireNonNull(probe, "probe is null");
        queries = List.copyOf(requireNonNull(queries, "queries is null"));
    }

    double rawGeometricMean()
    {
        return geometricMean(QueryComparison::rawMillis);
    }

    double neurolakeGeometricMean()
    {
        return geometricMean(QueryComparison::neurolakeMillis);
    }

    /** Also the geometric mean of the per-query ratios: the two are the same number. */
    double ratio()
    {
        return neurolakeGeometricMean() / rawGeometricMean();
    }

    double pairedRatioGeometricMean()
    {
        return geometricMean(QueryComparison::pairedRatio);
    }

    boolean meetsTarget()
    {
        return ratio() <= TARGET_RATIO;
    }

    boolean allRowCountsMatch()
    {
        return queries.stream().allMatch(QueryComparison::rowCountsMatch);
    }

    boolean allValuesMatch()
    {
        return queries.stream().allMatch(QueryComparison::valuesMatch);
    }

    String markdown()
    {
        StringBuilder text = new StringBuilder();
        text.append(format("Scale factor %s, %d warm-up and %d measured runs per query and system; %s.\n\n",
                scaleFactorText(), settings.warmups(), settings.repetitions(), environment));
        appendUploads(text);
        appendQueries(text);
        appendSummary(text);
        return text.toString();
    }

    private void appendUploads(StringBuilder text)
    {
        text.append("| Table | Rows | Parquet bytes uploaded | Upload s | Server write ms |\n");
        text.append("|---|---:|---:|---:|---:|\n");
        for (UploadedTable upload : uploads) {
            text.append(format("| %s | %,d | %,d | %.2f | %,d |\n", upload.name(), upload.rows(), upload.bytes(), seconds(upload.elapsed()), upload.serverMillis()));
        }
        text.append(format("| **all** | %,d | %,d | %.2f | %,d |\n\n",
                uploads.stream().mapToLong(UploadedTable::rows).sum(),
                uploads.stream().mapToLong(UploadedTable::bytes).sum(),
                uploads.stream().mapToDouble(upload -> seconds(upload.elapsed())).sum(),
                uploads.stream().mapToLong(UploadedTable::serverMillis).sum()));
    }

    private void appendQueries(StringBuilder text)
    {
        text.append("| Query | Rows | Raw DuckDB ms | NeuroLake ms | NeuroLake / raw | Paired ratio | Server ms | Raw CPU ms | NeuroLake CPU ms | Same result |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (QueryComparison query : queries) {
            text.append(format("| %s | %,d | %.1f | %.1f | %.2f | %.2f | %.0f | %.0f | %.0f | %s |\n",
                    query.name(), query.rows(), query.rawMillis(), query.neurolakeMillis(), query.ratio(), query.pairedRatio(),
                    query.serverMillis(), query.rawCpuMillis(), query.neurolakeCpuMillis(), sameResult(query)));
        }
        text.append(format("| **geometric mean** | | **%.1f** | **%.1f** | **%.2f** | %.2f | | | | |\n",
                rawGeometricMean(), neurolakeGeometricMean(), ratio(), pairedRatioGeometricMean()));
        text.append(format("| sum | | %.0f | %.0f | %.2f | | %.0f | %.0f | %.0f | |\n\n",
                sum(QueryComparison::rawMillis), sum(QueryComparison::neurolakeMillis), sum(QueryComparison::neurolakeMillis) / sum(QueryComparison::rawMillis),
                sum(QueryComparison::serverMillis), sum(QueryComparison::rawCpuMillis), sum(QueryComparison::neurolakeCpuMillis)));
    }

    private void appendSummary(StringBuilder text)
    {
        text.append(format("- NeuroLake / raw DuckDB, geometric mean of the per-query medians: **%.2f×** (target ≤ %.2f×: %s)\n",
                ratio(), TARGET_RATIO, meetsTarget() ? "met" : "NOT met"));
        text.append(format("- Geometric mean of the per-query paired ratios (both systems back to back): %.2f×\n", pairedRatioGeometricMean()));
        long sameCounts = queries.stream().filter(QueryComparison::rowCountsMatch).count();
        long sameValues = queries.stream().filter(QueryComparison::valuesMatch).count();
        text.append(format("- Correctness: %d of %d queries returned the same number of rows on both sides in every run%s; %d of %d returned the same values\n",
                sameCounts, queries.size(), settings.scaleFactor() == 1.0 ? " and the specification's answer-set row count" : "", sameValues, queries.size()));
        queries.stream().filter(query -> !query.valuesMatch() || !query.rowCountsMatch())
                .forEach(query -> text.append(format("  - %s differs: %s\n", query.name(), query.difference().orElse("row counts " + query.expectedRows()))));
        text.append(format("- Fixed cost of a query (`%s`, %d pairs, medians): raw DuckDB %.2f ms, NeuroLake %.2f ms (server's `elapsedMillis` %.0f ms); "
                        + "mean CPU per query: raw DuckDB %.2f ms, NeuroLake %.2f ms (server and client)\n",
                probe.name(), probe.raw().size(), probe.rawMillis(), probe.neurolakeMillis(), probe.serverMillis(), probe.rawMeanCpuMillis(), probe.neurolakeMeanCpuMillis()));
        List<Double> loads = queries.stream().flatMap(query -> Stream.concat(query.raw().stream(), query.neurolake().stream()))
                .map(QueryRun::loadAverage).sorted().toList();
        text.append(format("- Machine load during the measured runs: 1-minute load average %.2f–%.2f (median %.2f) on %d cores; %d of %d pairs started while other processes still used the CPUs\n",
                loads.getFirst(), loads.getLast(), SystemResult.median(loads), Runtime.getRuntime().availableProcessors(), busyPairs, pairs));
    }

    private static String sameResult(QueryComparison query)
    {
        if (!query.rowCountsMatch()) {
            return "**row counts differ**";
        }
        return query.valuesMatch() ? "yes" : "**values differ**";
    }

    private String scaleFactorText()
    {
        double scaleFactor = settings.scaleFactor();
        return scaleFactor == Math.rint(scaleFactor) ? Long.toString((long) scaleFactor) : Double.toString(scaleFactor);
    }

    private double geometricMean(ToDoubleFunction<QueryComparison> value)
    {
        return Math.exp(queries.stream().mapToDouble(query -> Math.log(value.applyAsDouble(query))).average().orElseThrow());
    }

    private double sum(ToDoubleFunction<QueryComparison> value)
    {
        return queries.stream().mapToDouble(value).sum();
    }

    private static double seconds(Duration duration)
    {
        return duration.toNanos() / 1e9;
    }

    private static String format(String pattern, Object... arguments)
    {
        return String.format(Locale.ROOT, pattern, arguments);
    }

    /**
     * One table loaded through {@code POST /api/v1/data/upload}.
     *
     * @param bytes size of the uploaded Parquet file
     * @param elapsed wall-clock time of the whole request
     * @param serverMillis the server's {@code elapsedMillis} for the write
     */
    record UploadedTable(String name, long rows, long bytes, Duration elapsed, long serverMillis)
    {
        UploadedTable
        {
            requireNonNull(name, "name is null");
            requireNonNull(elapsed, "elapsed is null");
        }
    }
}
