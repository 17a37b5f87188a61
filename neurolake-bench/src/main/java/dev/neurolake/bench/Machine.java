package dev.neurolake.bench;

import com.sun.management.OperatingSystemMXBean;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * What the benchmark needs to know about the machine it shares with other processes.
 */
final class Machine
{
    /** Whole-machine CPU use (0 to 1) under which it counts as quiet: under half a core of two busy. */
    private static final double QUIET_CPU_LOAD = 0.25;
    private static final int QUIET_SAMPLES_NEEDED = 2;
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Machine() {}

    /**
     * CPU time of this whole process: JVM threads and DuckDB's native worker threads alike. On a
     * shared machine wall-clock time also counts waiting for other processes; CPU time mostly
     * does not, so it shows whether a slow run did more work or just waited longer.
     */
    static Duration processCpuTime()
    {
        return Duration.ofNanos(SYSTEM.getProcessCpuTime());
    }

    /** The one-minute system load average, or a negative value where the platform has none. */
    static double loadAverage()
    {
        return SYSTEM.getSystemLoadAverage();
    }

    /**
     * Waits, at most {@code maxWait}, until other processes leave the CPUs alone for a couple of
     * seconds, so a run does not start in the middle of someone else's build. It cannot stop them
     * from starting during the run; the paired ratio and CPU times in the report soften that.
     *
     * @return whether the machine was quiet when the wait ended
     */
    static boolean awaitQuiet(Duration maxWait, PrintStream progress)
    {
        if (maxWait.isZero()) {
            return true;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        // The first reading only starts the measuring interval.
        SYSTEM.getCpuLoad();
        int quietSamples = 0;
        double load = -1;
        while (System.nanoTime() < deadline) {
            sleep(SAMPLE_INTERVAL);
            load = SYSTEM.getCpuLoad();
            quietSamples = load >= 0 && load < QUIET_CPU_LOAD ? quietSamples + 1 : 0;
            if (quietSamples >= QUIET_SAMPLES_NEEDED) {
                return true;
            }
        }
        progress.printf(Locale.ROOT, "Machine still busy (CPU load %.0f%%) after %d s; measuring anyway%n", load * 100, maxWait.toSeconds());
        return false;
    }

    private static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a quiet machine", e);
        }
    }
}
