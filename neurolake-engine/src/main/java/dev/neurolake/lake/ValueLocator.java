package dev.neurolake.lake;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.neurolake.duckdb.DuckDbSql.quote;

/**
 * Finds the first row and column whose value does not convert to its target type, after a
 * write failed. It re-reads the source as text and tries each conversion: slower than the
 * write, so it runs only on failure.
 */
final class ValueLocator
{
    private ValueLocator() {}

    static Optional<ValueProblem> locate(Connection connection, RowSource source, Schema schema, Map<Integer, LakeWriter.SourceColumn> bySourceField)
    {
        List<Candidate> candidates = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            LakeWriter.SourceColumn column = bySourceField.get(field.fieldId());
            String targetType = LakeTypes.duckDbType(field.type());
            if (column != null && !LakeTypes.needsTextConversion(column.type()) && !column.type().equalsIgnoreCase(targetType)) {
                candidates.add(new Candidate(column.name(), field.name(), targetType));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> relation = source.textRelation(candidates.stream().map(Candidate::sourceName).toList());
        if (relation.isEmpty()) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        List<String> badFlags = new ArrayList<>();
        for (int index = 0; index < candidates.size(); index++) {
            Candidate candidate = candidates.get(index);
            String value = quote(candidate.sourceName());
            columns.add(value + " AS v" + index);
            columns.add("(" + value + " IS NOT NULL AND TRY_CAST(" + value + " AS " + candidate.targetType() + ") IS NULL) AS b" + index);
            badFlags.add("b" + index);
        }
        // row_number() over the unordered scan follows DuckDB's insertion order: the file's order.
        String sql = "SELECT * FROM (SELECT row_number() OVER () AS nl_row, " + String.join(", ", columns) + " FROM " + relation.get() + ")"
                + " WHERE " + String.join(" OR ", badFlags) + " ORDER BY nl_row LIMIT 1";
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            if (!resultSet.next()) {
                return Optional.empty();
            }
            long row = resultSet.getLong("nl_row");
            for (int index = 0; index < candidates.size(); index++) {
                if (resultSet.getBoolean("b" + index)) {
                    Candidate candidate = candidates.get(index);
                    return Optional.of(new ValueProblem(row, OptionalLong.empty(), candidate.columnName(), Optional.ofNullable(resultSet.getString("v" + index)), candidate.targetType()));
                }
            }
            return Optional.empty();
        }
        catch (SQLException e) {
            // The source cannot even be read as text: the caller reports the original error.
            return Optional.empty();
        }
    }

    private record Candidate(String sourceName, String columnName, String targetType) {}
}
