package dev.neurolake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh directory per benchmark run, under the work directory, and its removal afterwards. */
final class RunDirectories
{
    private RunDirectories() {}

    static Path create(Path workDirectory, String prefix)
    {
        try {
            Files.createDirectories(workDirectory);
            return Files.createTempDirectory(workDirectory.toAbsolutePath(), prefix);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create a run directory under " + workDirectory, e);
        }
    }

    static void delete(Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
