package dev.neurolake.server.lake;

import dev.neurolake.lake.WriteResult;

/**
 * What an upload committed.
 *
 * @param bytesWritten size of the Parquet files written
 * @param sourceBytes size of the uploaded file
 */
public record UploadResponse(String table, String mode, String file, long rowsWritten, int filesWritten, long bytesWritten, long sourceBytes, Long snapshotId, long elapsedMillis)
{
    static UploadResponse from(WriteResult result, String file, long sourceBytes)
    {
        return new UploadResponse(result.table().toString(), result.mode().name().toLowerCase(), file, result.rowsWritten(), result.filesWritten(),
                result.bytesWritten(), sourceBytes, result.snapshotId().orElse(null), result.elapsed().toMillis());
    }
}
