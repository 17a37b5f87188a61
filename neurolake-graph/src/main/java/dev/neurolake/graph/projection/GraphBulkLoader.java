package dev.neurolake.graph.projection;

/**
 * Replaces a whole graph by an offline bulk import: what the embedded Neo4j offers (its
 * importer needs the database stopped), a remote server does not.
 */
@FunctionalInterface
public interface GraphBulkLoader
{
    /**
     * Replaces everything in the graph with the files' nodes and relationships, and returns once
     * the graph serves again. On failure the graph is left empty and the failure is thrown.
     *
     * @return a one-line summary of the import, for the log
     */
    String replaceGraph(BulkFiles files);
}
