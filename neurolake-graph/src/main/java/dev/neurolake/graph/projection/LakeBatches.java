package dev.neurolake.graph.projection;

import dev.neurolake.governance.TableAccess;
import dev.neurolake.sql.QueryService;
import dev.neurolake.sql.ResultColumn;
import dev.neurolake.sql.RowConsumer;
import org.neo4j.driver.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Reads a lake table in batches of driver values while the previous batch is being written:
 * DuckDB scans and converts rows on its own thread, a few batches ahead, so the two cores
 * work at once. Closing it stops the scan.
 */
final class LakeBatches
        implements AutoCloseable
{
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(3);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread reader = new Thread(runnable, "neurolake-projection-reader");
        reader.setDaemon(true);
        return reader;
    });
    private final Future<?> reader;
    private volatile boolean closed;

    LakeBatches(QueryService queries, String sql, TableAccess access, int batchSize, Function<Object[], Value> toRow)
    {
        requireNonNull(queries, "queries is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(access, "access is null");
        requireNonNull(toRow, "toRow is null");
        this.reader = thread.submit(() -> {
            try {
                // The batch being filled, in a one-element list so the consumer below can replace it.
                List<List<Value>> pending = new ArrayList<>(List.of(new ArrayList<>(batchSize)));
                queries.scan(sql, List.of(), access, new RowConsumer()
                {
                    @Override
                    public void columns(List<ResultColumn> columns) {}

                    @Override
                    public void row(Object[] values)
                    {
                        List<Value> batch = pending.getFirst();
                        batch.add(toRow.apply(values));
                        if (batch.size() == batchSize) {
                            put(batch);
                            pending.set(0, new ArrayList<>(batchSize));
                        }
                    }
                });
                if (!pending.getFirst().isEmpty()) {
                    put(pending.getFirst());
                }
                put(END);
            }
            catch (RuntimeException | Error e) {
                if (!closed) {
                    put(new Failure(e));
                }
            }
        });
    }

    /** The next batch, or null after the last one; rethrows what stopped the scan. */
    @SuppressWarnings("unchecked")
    List<Value> next()
    {
        Object item;
        try {
            item = queue.take();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while reading the lake table");
        }
        if (item == END) {
            queue.offer(END);
            return null;
        }
        if (item instanceof Failure(Throwable error)) {
            if (error instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) error;
        }
        return (List<Value>) item;
    }

    private void put(Object item)
    {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    // The writer gave up: end the scan, which closes DuckDB's statement.
                    throw new CancellationException("Projection stopped");
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
        }
    }

    @Override
    public void close()
    {
        closed = true;
        try {
            reader.get();
        }
        catch (ExecutionException | CancellationException e) {
            // Its failure, if any, was handed to next() already.
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            thread.shutdownNow();
        }
    }

    private record Failure(Throwable error) {}
}
