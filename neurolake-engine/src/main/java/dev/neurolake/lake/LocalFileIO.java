package dev.neurolake.lake;

import org.apache.iceberg.Files;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Iceberg file access on the local file system. Iceberg's core has no local FileIO without
 * Hadoop, and NeuroLake's data directory is local, so this small one keeps Hadoop off the
 * class path.
 */
public class LocalFileIO
        implements FileIO
{
    @Override
    public InputFile newInputFile(String path)
    {
        return Files.localInput(toPath(path).toFile());
    }

    @Override
    public OutputFile newOutputFile(String path)
    {
        return Files.localOutput(toPath(path).toFile());
    }

    @Override
    public void deleteFile(String path)
    {
        try {
            java.nio.file.Files.deleteIfExists(toPath(path));
        }
        catch (IOException e) {
            throw new RuntimeIOException(e, "Failed to delete %s", path);
        }
    }

    static Path toPath(String location)
    {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        return Path.of(location);
    }
}
