package dev.neurolake.bench;

import java.nio.file.Path;

/** Something that turns a CSV file into Parquet data; each call is one timed repetition. */
interface IngestSystem
        extends AutoCloseable
{
    /** The name shown in the report. */
    String name();

    /** Ingests the file once; {@code repetition} numbers the runs so each can write somewhere new. */
    IngestRun ingest(Path csv, int repetition);

    /** Removes what a repetition wrote; not timed, and keeps the disk from filling up on long runs. */
    void discard(int repetition);

    @Override
    void close();
}
