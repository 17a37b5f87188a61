package dev.neurolake.duckdb;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How the embedded DuckDB runs.
 *
 * @param dataDirectory NeuroLake's data directory: the only place DuckDB may read or write files
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 4GB}; DuckDB's default (80% of RAM) when empty
 * @param threads DuckDB worker threads; the number of cores when empty
 * @param maxConcurrentStatements statements (queries, writes) that run at once; more wait in line
 */
public record DuckDbSettings(Path dataDirectory, Optional<String> memoryLimit, OptionalInt threads, int maxConcurrentStatements)
{
    public DuckDbSettings
    {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(threads, "threads is null");
        if (maxConcurrentStatements < 1) {
            throw new IllegalArgumentException("maxConcurrentStatements must be at least 1");
        }
    }

    public static DuckDbSettings defaults(Path dataDirectory)
    {
        return new DuckDbSettings(dataDirectory, Optional.empty(), OptionalInt.empty(), 8);
    }
}
