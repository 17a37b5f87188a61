package dev.neurolake.neo4j.embedded;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * CSV files for Neo4j's offline importer, in its header format ({@code :ID(Group)},
 * {@code name:type}, {@code :START_ID(Group)}, {@code :END_ID(Group)}).
 *
 * @param nodeFiles files of nodes, by the label they get
 * @param relationshipFiles files of relationships, by their type
 * @param integerIds whether every {@code :ID} value is an integer (faster) rather than text
 * @param multilineFields whether a quoted field may hold line breaks (slower: files are then read on one thread)
 * @param workDirectory where the importer writes its report of skipped entries
 */
public record BulkImport(Map<String, List<Path>> nodeFiles, Map<String, List<Path>> relationshipFiles, boolean integerIds, boolean multilineFields, Path workDirectory)
{
    // Labels and types go on the importer's command line as "Label=file": no room for '=', ':' or ','.
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MESSAGE_TAIL = 4_000;
    private static final Pattern SUMMARY = Pattern.compile("COMPLETED in|IMPORT DONE|^\\d+ (nodes|relationships|properties)$");

    public BulkImport
    {
        nodeFiles = copy(requireNonNull(nodeFiles, "nodeFiles is null"));
        relationshipFiles = copy(requireNonNull(relationshipFiles, "relationshipFiles is null"));
        requireNonNull(workDirectory, "workDirectory is null");
    }

    /** Whether a label or relationship type can be bulk-imported under its own name. */
    public static boolean importableName(String name)
    {
        return NAME.matcher(name).matches();
    }

    /** Runs the importer into the default database of the Neo4j home, which must not be running; returns its summary. */
    String run(Path homeDirectory)
    {
        // The database first: a files option takes every following word that is not an option.
        List<String> arguments = new ArrayList<>(List.of("database", "import", "full", GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
        nodeFiles.forEach((label, files) -> files.forEach(file -> arguments.add("--nodes=" + label + "=" + file.toAbsolutePath())));
        relationshipFiles.forEach((type, files) -> files.forEach(file -> arguments.add("--relationships=" + type + "=" + file.toAbsolutePath())));
        arguments.addAll(List.of(
                "--overwrite-destination=true",
                "--id-type=" + (integerIds ? "integer" : "string"),
                "--multiline-fields=" + multilineFields,
                "--report-file=" + workDirectory.resolve("import.report")));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = AdminTool.execute(new ExecutionContext(homeDirectory, homeDirectory.resolve("conf"), print, print, new DefaultFileSystemAbstraction()),
                    arguments.toArray(String[]::new));
        }
        String text = output.toString(StandardCharsets.UTF_8);
        if (exitCode != 0) {
            throw new IllegalStateException("Neo4j's importer failed with exit code " + exitCode + ": "
                    + (text.length() > MESSAGE_TAIL ? "..." + text.substring(text.length() - MESSAGE_TAIL) : text).strip());
        }
        // Its progress bars are noise; the stage timings and totals are worth keeping.
        return String.join("; ", text.lines().map(String::strip).filter(line -> SUMMARY.matcher(line).find()).toList());
    }

    /** Removes what a failed import left of the default database, so Neo4j starts it empty. */
    static void deleteDatabase(Path homeDirectory)
    {
        Path data = homeDirectory.resolve("data");
        delete(data.resolve("databases").resolve(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
        delete(data.resolve("transactions").resolve(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
    }

    private static void delete(Path directory)
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    private static Map<String, List<Path>> copy(Map<String, List<Path>> files)
    {
        Map<String, List<Path>> copy = new LinkedHashMap<>();
        files.forEach((name, paths) -> {
            if (!importableName(name)) {
                throw new IllegalArgumentException("Cannot bulk-import the name '" + name + "': letters, digits and '_' only");
            }
            copy.put(name, List.copyOf(paths));
        });
        return Collections.unmodifiableMap(copy);
    }
}
