package dev.neurolake.graph;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Every call to the graph store goes through here: a time limit, retries with exponential
 * backoff on transient errors, and a circuit breaker that, once the store failed repeatedly,
 * fails calls at once for a while instead of piling them onto a store that is down, then lets
 * one call through to find out whether it is back.
 */
final class GraphResilience
        implements AutoCloseable
{
    private final GraphSettings settings;
    private final CircuitBreaker breaker;
    private final Retry idempotentRetry;
    private final Retry transientRetry;
    // Calls block in the driver; virtual threads make waiting on them cheap.
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    GraphResilience(GraphSettings settings, MeterRegistry meters)
    {
        this.settings = requireNonNull(settings, "settings is null");
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                // Only an unreachable store counts: a user's syntax error says nothing about its health.
                .recordException(GraphErrors::isUnavailable)
                .build());
        this.breaker = breakers.circuitBreaker("graph");
        IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(settings.retryInitialBackoff(), 2.0);
        RetryRegistry retries = RetryRegistry.ofDefaults();
        this.idempotentRetry = retries.retry("graph-idempotent", RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(backoff)
                .retryOnException(error -> GraphErrors.isRetryable(error, true))
                .build());
        this.transientRetry = retries.retry("graph-transient", RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(backoff)
                .retryOnException(error -> GraphErrors.isRetryable(error, false))
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /**
     * Runs a call against the store, giving up after its transaction timeout plus the
     * connection timeout; failures come back as NeuroLake exceptions.
     *
     * @param idempotent whether the call may be repeated after a failure that may have happened after it committed
     */
    <T> T call(Duration timeout, boolean idempotent, Supplier<T> work)
    {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, work);
        Supplier<T> retried = Retry.decorateSupplier(idempotent ? idempotentRetry : transientRetry, guarded);
        Duration budget = timeout.plus(settings.connectionTimeout());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(budget).cancelRunningFuture(true).build());
        try {
            return limiter.executeFutureSupplier(() -> executor.submit(retried::get));
        }
        catch (TimeoutException e) {
            // The call never returned, so the breaker did not see it fail: tell it.
            breaker.onError(budget.toNanos(), TimeUnit.NANOSECONDS, e);
            throw GraphErrors.translate(e, budget, settings.circuitOpenDuration());
        }
        catch (Exception e) {
            throw GraphErrors.translate(e, timeout, settings.circuitOpenDuration());
        }
    }

    /** {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    String circuitState()
    {
        return breaker.getState().name();
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
