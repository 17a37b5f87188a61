package dev.neurolake.bench;

import java.time.Duration;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** NeuroLake as a program uses it: {@code POST /api/v1/queries} with an API key, every page read. */
final class NeuroLakeOverHttp
        implements QuerySystem
{
    private final NeuroLakeHttpClient client;
    private final NeuroLakeServerProcess server;
    private final int maxRows;

    /**
     * @param maxRows rows per result page ({@code maxRows} of the request)
     */
    NeuroLakeOverHttp(NeuroLakeHttpClient client, NeuroLakeServerProcess server, int maxRows)
    {
        this.client = requireNonNull(client, "client is null");
        this.server = requireNonNull(server, "server is null");
        this.maxRows = maxRows;
    }

    @Override
    public String name()
    {
        return "NeuroLake";
    }

    @Override
    public QueryExecution execute(String sql)
    {
        Duration serverCpuBefore = server.cpuTime();
        Duration clientCpuBefore = Machine.processCpuTime();
        long start = System.nanoTime();
        NeuroLakeHttpClient.HttpQueryResult result = client.query(sql, maxRows);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // The client's share (HTTP, JSON parsing) counts too: raw DuckDB's reading of values is in its own CPU time.
        Duration cpuTime = Machine.processCpuTime().minus(clientCpuBefore).plus(server.cpuTime().minus(serverCpuBefore));
        QueryRun run = new QueryRun(result.rows().size(), elapsed, cpuTime, OptionalLong.of(result.firstPageMillis()), Machine.loadAverage());
        return new QueryExecution(run, ResultComparison.fromJson(result.rows()));
    }
}
