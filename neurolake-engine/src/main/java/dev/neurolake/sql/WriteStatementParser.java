package dev.neurolake.sql;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.lake.TableName;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the write statements NeuroLake runs (DuckDB's own parser serializes only SELECT) with
 * JSqlParser. Anything else is refused with {@link ErrorCode#SQL_STATEMENT_NOT_SUPPORTED}.
 */
final class WriteStatementParser
{
    private WriteStatementParser() {}

    static WriteStatement parse(String sql)
    {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        }
        catch (JSQLParserException e) {
            throw notSupported(sql, "it is not a statement NeuroLake can run");
        }
        return switch (statement) {
            case CreateTable create when create.getSelect() != null -> new WriteStatement.CreateTableAs(table(create.getTable()), create.getSelect().toString());
            case CreateTable ignored -> throw notSupported(sql, "create tables with CREATE TABLE ... AS SELECT or by uploading a file");
            case Insert insert -> insert(insert);
            case Update update -> update(update);
            case Delete delete -> new WriteStatement.Delete(table(delete.getTable()), Optional.ofNullable(delete.getWhere()).map(Object::toString));
            case Drop drop when "TABLE".equalsIgnoreCase(drop.getType()) -> new WriteStatement.DropTable(table(drop.getName()), drop.isIfExists());
            case Alter alter -> alter(alter, sql);
            default -> throw notSupported(sql, "supported writes are CREATE TABLE AS, INSERT, UPDATE, DELETE, DROP TABLE and ALTER TABLE ADD/RENAME COLUMN");
        };
    }

    private static WriteStatement insert(Insert insert)
    {
        List<String> columns = insert.getColumns() == null ? List.of() : insert.getColumns().stream().map(Column::getColumnName).map(WriteStatementParser::unquote).toList();
        String select = insert.getSelect() instanceof Values values
                ? "SELECT * FROM (" + values + ") AS nl_values"
                : insert.getSelect().toString();
        return new WriteStatement.InsertInto(table(insert.getTable()), columns, select);
    }

    private static WriteStatement update(Update update)
    {
        Map<String, String> assignments = new LinkedHashMap<>();
        for (UpdateSet set : update.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw new NeuroLakeException(ErrorCode.SQL_ERROR, "UPDATE SET needs one value per column", Map.of());
            }
            for (int index = 0; index < set.getColumns().size(); index++) {
                assignments.put(unquote(set.getColumns().get(index).getColumnName()), set.getValues().get(index).toString());
            }
        }
        return new WriteStatement.Update(table(update.getTable()), assignments, Optional.ofNullable(update.getWhere()).map(Object::toString));
    }

    private static WriteStatement alter(Alter alter, String sql)
    {
        List<AlterExpression> expressions = alter.getAlterExpressions();
        if (expressions == null || expressions.size() != 1) {
            throw notSupported(sql, "alter one column per statement");
        }
        AlterExpression expression = expressions.getFirst();
        TableName table = table(alter.getTable());
        if (expression.getOperation() == AlterOperation.ADD && expression.getColDataTypeList() != null && expression.getColDataTypeList().size() == 1) {
            AlterExpression.ColumnDataType column = expression.getColDataTypeList().getFirst();
            return new WriteStatement.AddColumn(table, unquote(column.getColumnName()), column.getColDataType().toString());
        }
        if (expression.getOperation() == AlterOperation.RENAME && expression.getColOldName() != null) {
            return new WriteStatement.RenameColumn(table, unquote(expression.getColOldName()), unquote(expression.getColumnName()));
        }
        throw notSupported(sql, "ALTER TABLE supports ADD COLUMN and RENAME COLUMN");
    }

    private static TableName table(Table table)
    {
        String schema = table.getSchemaName();
        String name = unquote(table.getName());
        return new TableName(schema == null ? TableName.DEFAULT_NAMESPACE : unquote(schema), name);
    }

    private static String unquote(String identifier)
    {
        if (identifier != null && identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier;
    }

    private static NeuroLakeException notSupported(String sql, String reason)
    {
        String word = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return new NeuroLakeException(ErrorCode.SQL_STATEMENT_NOT_SUPPORTED, word + " cannot run here: " + reason, Map.of("statement", word));
    }

}
