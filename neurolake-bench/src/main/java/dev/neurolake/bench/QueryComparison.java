package dev.neurolake.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

import static java.util.Objects.requireNonNull;

/**
 * The measured runs of one query on both systems, and whether they agreed.
 *
 * @param raw the raw DuckDB runs, in the order they ran
 * @param neurolake the NeuroLake runs; run {@code i} ran back to back with {@code raw.get(i)}
 * @param difference the first way a NeuroLake result differed from raw DuckDB's, over all runs (warm-ups included)
 * @param expectedRows the specification's answer-set row count, where known
 */
record QueryComparison(String name, List<QueryRun> raw, List<QueryRun> neurolake, Optional<String> difference, OptionalLong expectedRows)
{
    QueryComparison
    {
        requireNonNull(name, "name is null");
        raw = List.copyOf(requireNonNull(raw, "raw is null"));
        neurolake = List.copyOf(requireNonNull(neurolake, "neurolake is null"));
        requireNonNull(difference, "difference is null");
        requireNonNull(expectedRows, "expectedRows is null");
        if (raw.isEmpty() || raw.size() != neurolake.size()) {
            throw new IllegalArgumentException("Expected the same number of runs, at least one, per system; got %d and %d".formatted(raw.size(), neurolake.size()));
        }
    }

    long rows()
    {
        return raw.getLast().rows();
    }

    /** Every run of both systems returned the same number of rows (and the answer set's, where known). */
    boolean rowCountsMatch()
    {
        long rows = rows();
        boolean allSame = raw.stream().allMatch(run -> run.rows() == rows) && neurolake.stream().allMatch(run -> run.rows() == rows);
        return allSame && (expectedRows.isEmpty() || expectedRows.getAsLong() == rows);
    }

    boolean valuesMatch()
    {
        return difference.isEmpty();
    }

    double rawMillis()
    {
        return median(raw, QueryRun::millis);
    }

    double neurolakeMillis()
    {
        return median(neurolake, QueryRun::millis);
    }

    double ratio()
    {
        return neurolakeMillis() / rawMillis();
    }

    /** The median of the per-repetition ratios, whose two runs saw about the same load on a shared machine. */
    double pairedRatio()
    {
        List<Double> ratios = new ArrayList<>();
        for (int index = 0; index < raw.size(); index++) {
            ratios.add(neurolake.get(index).millis() / raw.get(index).millis());
        }
        return SystemResult.median(ratios);
    }

    /** The server's own median {@code elapsedMillis}: the engine's part of NeuroLake's time. */
    double serverMillis()
    {
        return median(neurolake, run -> run.serverMillis().orElseThrow());
    }

    double rawCpuMillis()
    {
        return median(raw, QueryRun::cpuMillis);
    }

    double neurolakeCpuMillis()
    {
        return median(neurolake, QueryRun::cpuMillis);
    }

    /** Mean CPU per run: single runs of a short query are below the operating system's 10 ms CPU-time tick, their sum is not. */
    double rawMeanCpuMillis()
    {
        return raw.stream().mapToDouble(QueryRun::cpuMillis).average().orElseThrow();
    }

    double neurolakeMeanCpuMillis()
    {
        return neurolake.stream().mapToDouble(QueryRun::cpuMillis).average().orElseThrow();
    }

    private static double median(List<QueryRun> runs, ToDoubleFunction<QueryRun> value)
    {
        return SystemResult.median(runs.stream().map(run -> value.applyAsDouble(run)).toList());
    }
}
