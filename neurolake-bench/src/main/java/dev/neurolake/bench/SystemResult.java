package dev.neurolake.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The measured (not warm-up) runs of one system. */
record SystemResult(String name, List<IngestRun> runs)
{
    SystemResult
    {
        requireNonNull(name, "name is null");
        runs = List.copyOf(requireNonNull(runs, "runs is null"));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A result needs at least one run");
        }
    }

    /** Rows the last run wrote; every run reads the same file. */
    long rows()
    {
        return runs.getLast().rows();
    }

    long outputBytes()
    {
        return runs.getLast().outputBytes();
    }

    /** The median is robust to one run disturbed by the machine, unlike the mean. */
    double medianSeconds()
    {
        return median(allSeconds());
    }

    double medianCpuSeconds()
    {
        return median(runs.stream().map(run -> seconds(run.cpuTime())).toList());
    }

    double rowsPerSecond()
    {
        return rows() / medianSeconds();
    }

    List<Double> allSeconds()
    {
        return runs.stream().map(run -> seconds(run.elapsed())).toList();
    }

    static double median(List<Double> values)
    {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double seconds(Duration duration)
    {
        return duration.toNanos() / 1e9;
    }
}
