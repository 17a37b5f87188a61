package dev.neurolake.graph.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs up to a fixed number of batch writes at once. Neo4j runs each transaction on one
 * thread, so a single writer leaves the other cores idle; several transactions at once use
 * them. The first failure stops further submissions and is rethrown by {@link #awaitAll()}.
 */
final class BatchWriters
        implements AutoCloseable
{
    private final Semaphore slots;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<?>> submitted = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    BatchWriters(int writers)
    {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.slots = new Semaphore(writers);
    }

    /** Waits for a free writer, then starts the write; throws the first failure of an earlier one. */
    void submit(Runnable write)
    {
        rethrowFailure();
        slots.acquireUninterruptibly();
        submitted.add(executor.submit(() -> {
            try {
                write.run();
            }
            catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            finally {
                slots.release();
            }
        }));
    }

    /** Waits for every submitted write; throws the first failure. */
    void awaitAll()
    {
        for (Future<?> write : submitted) {
            try {
                write.get();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for graph writes", e);
            }
            catch (ExecutionException e) {
                // Writes catch their own exceptions; anything else is an error to pass on as it is.
                throw new IllegalStateException(e.getCause());
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure()
    {
        RuntimeException error = failure.get();
        if (error != null) {
            throw error;
        }
    }

    /** Stops writes still running, after a failure elsewhere. */
    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
