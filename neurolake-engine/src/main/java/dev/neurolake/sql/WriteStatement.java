package dev.neurolake.sql;

import dev.neurolake.lake.TableName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A SQL statement that changes the lake. Embedded SQL fragments (a SELECT, a WHERE condition,
 * SET expressions) are DuckDB SQL text that is checked like a read query before it runs.
 */
public sealed interface WriteStatement
{
    /** The table the statement changes. */
    TableName table();

    /** {@code CREATE TABLE t AS SELECT ...} */
    record CreateTableAs(TableName table, String select) implements WriteStatement
    {
        public CreateTableAs
        {
            requireNonNull(table, "table is null");
            requireNonNull(select, "select is null");
        }
    }

    /** {@code INSERT INTO t [(columns)] SELECT ... | VALUES ...}; {@code select} is always a SELECT. */
    record InsertInto(TableName table, List<String> columns, String select) implements WriteStatement
    {
        public InsertInto
        {
            requireNonNull(table, "table is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            requireNonNull(select, "select is null");
        }
    }

    /** {@code UPDATE t SET column = expression, ... [WHERE condition]} */
    record Update(TableName table, Map<String, String> assignments, Optional<String> condition) implements WriteStatement
    {
        public Update
        {
            requireNonNull(table, "table is null");
            assignments = Map.copyOf(requireNonNull(assignments, "assignments is null"));
            requireNonNull(condition, "condition is null");
        }
    }

    /** {@code DELETE FROM t [WHERE condition]} */
    record Delete(TableName table, Optional<String> condition) implements WriteStatement
    {
        public Delete
        {
            requireNonNull(table, "table is null");
            requireNonNull(condition, "condition is null");
        }
    }

    /** {@code DROP TABLE [IF EXISTS] t} */
    record DropTable(TableName table, boolean ifExists) implements WriteStatement
    {
        public DropTable
        {
            requireNonNull(table, "table is null");
        }
    }

    /** {@code ALTER TABLE t ADD COLUMN name type} */
    record AddColumn(TableName table, String column, String type) implements WriteStatement
    {
        public AddColumn
        {
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
            requireNonNull(type, "type is null");
        }
    }

    /** {@code ALTER TABLE t RENAME COLUMN from TO to} */
    record RenameColumn(TableName table, String from, String to) implements WriteStatement
    {
        public RenameColumn
        {
            requireNonNull(table, "table is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }
    }
}
