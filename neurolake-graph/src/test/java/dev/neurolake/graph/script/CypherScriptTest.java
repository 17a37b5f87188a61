package dev.neurolake.graph.script;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CypherScriptTest
{
    @Test
    void splitsAtSemicolonsOutsideStringsNamesAndComments()
    {
        List<ScriptStatement> statements = CypherScript.parse("""
                // leading comment; not a statement
                CREATE (:A {text: 'semi;colon', other: "double;quoted", escaped: 'it\\'s; here'});
                CREATE (:`Odd;Label` {x: 1}) /* block; comment
                spanning lines */ ;

                MATCH (n) RETURN n // trailing; comment
                """);

        assertThat(statements).extracting(ScriptStatement::number).containsExactly(1, 2, 3);
        assertThat(statements).extracting(ScriptStatement::line).containsExactly(2, 3, 6);
        assertThat(statements.get(0).text()).endsWith("escaped: 'it\\'s; here'})");
        assertThat(statements.get(1).text()).startsWith("CREATE (:`Odd;Label` {x: 1})");
        assertThat(statements.get(2).text()).startsWith("MATCH (n) RETURN n");
    }

    @Test
    void aScriptWithoutSemicolonsIsOneStatement()
    {
        List<ScriptStatement> statements = CypherScript.parse("CREATE (a:Movie {title: 'x'})\nCREATE (b:Person {name: 'y'})\nCREATE (b)-[:ACTED_IN]->(a)\n");

        assertThat(statements).singleElement().satisfies(statement -> assertThat(statement.text()).contains("ACTED_IN"));
    }

    @Test
    void skipsTransactionCommandsOfCypherShellAndRefusesOthers()
    {
        assertThat(CypherScript.parse(":begin\nCREATE (:A);\n:commit\n:begin\nCREATE (:B);\n:commit\n")).extracting(ScriptStatement::line).containsExactly(2, 5);

        assertThatThrownBy(() -> CypherScript.parse("CREATE (:A);\n:param x => 1\nCREATE (:B {x: $x});"))
                .isInstanceOfSatisfying(NeuroLakeException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.IMPORT_FAILED);
                    assertThat(error.details()).containsEntry("line", 2).containsEntry("command", ":param");
                });
    }

    @Test
    void blankScriptsAndCommentsHaveNoStatements()
    {
        assertThat(CypherScript.parse("  \n// only a comment\n/* and another */ ;; \n")).isEmpty();
    }
}
