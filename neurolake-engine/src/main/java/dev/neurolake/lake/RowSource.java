package dev.neurolake.lake;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows to write into a table, as a DuckDB relation (a table function call or a subquery).
 */
public interface RowSource
{
    /**
     * The relation yielding the rows. {@code typeHints} maps source column names to the DuckDB
     * type the target column has: a source that parses text (CSV) can parse straight into it
     * and report a bad value with its line.
     */
    String relation(Map<String, String> typeHints);

    /**
     * The same rows with the given columns as text, in source order, used only to find which
     * row and column hold a value that does not fit after a write failed. Empty when the
     * source's values are already typed by NeuroLake itself.
     */
    default Optional<String> textRelation(List<String> columns)
    {
        return Optional.empty();
    }

    /** Interprets a DuckDB error message of this source into a located problem, if it can. */
    default Optional<ValueProblem> locate(String duckDbMessage)
    {
        return Optional.empty();
    }

    /** A name for messages, e.g. the uploaded file's name. */
    String description();
}
