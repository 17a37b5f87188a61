package dev.neurolake.graph.projection;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A projection written as CSV files in the header format of Neo4j's offline importer.
 *
 * @param nodeFiles files of nodes, by label
 * @param relationshipFiles files of relationships, by type
 * @param integerIds whether every node key is an integer, so the importer can map ids as numbers
 * @param multilineFields whether some text value holds a line break
 * @param directory the directory the files are in, also for the importer's report
 */
public record BulkFiles(Map<String, List<Path>> nodeFiles, Map<String, List<Path>> relationshipFiles, boolean integerIds, boolean multilineFields, Path directory)
{
    public BulkFiles
    {
        nodeFiles = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(nodeFiles, "nodeFiles is null")));
        relationshipFiles = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(relationshipFiles, "relationshipFiles is null")));
        requireNonNull(directory, "directory is null");
    }
}
