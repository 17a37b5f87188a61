package dev.neurolake.graph.projection;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How projections write.
 *
 * @param batchSize rows per write transaction
 * @param batchTimeout transaction timeout of one batch
 * @param writers batches written at once, each in its own transaction
 */
public record ProjectionSettings(int batchSize, Duration batchTimeout, int writers)
{
    public ProjectionSettings
    {
        requireNonNull(batchTimeout, "batchTimeout is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
    }

    public static ProjectionSettings defaults()
    {
        return new ProjectionSettings(10_000, Duration.ofMinutes(5), 2);
    }
}
