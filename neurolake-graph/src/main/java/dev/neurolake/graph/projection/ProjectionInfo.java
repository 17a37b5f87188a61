package dev.neurolake.graph.projection;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A stored projection and its last run.
 *
 * @param createdBy who first posted it, when known
 */
public record ProjectionInfo(ProjectionMapping mapping, Optional<String> createdBy, Instant createdAt, Instant updatedAt, Optional<LastRun> lastRun)
{
    public ProjectionInfo
    {
        requireNonNull(mapping, "mapping is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(lastRun, "lastRun is null");
    }

    /**
     * The latest run of a projection.
     *
     * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
     * @param result what a successful run did
     * @param errorCode why a run failed
     */
    public record LastRun(String status, Instant startedAt, Optional<Instant> finishedAt, Optional<ProjectionRun> result, Optional<String> errorCode, Optional<String> errorMessage)
    {
        public LastRun
        {
            requireNonNull(status, "status is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(finishedAt, "finishedAt is null");
            requireNonNull(result, "result is null");
            requireNonNull(errorCode, "errorCode is null");
            requireNonNull(errorMessage, "errorMessage is null");
        }
    }
}
