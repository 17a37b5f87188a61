package dev.neurolake.graph.script;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.graph.CypherStatement;
import dev.neurolake.graph.GraphStore;
import dev.neurolake.graph.GraphWrite;
import dev.neurolake.graph.StatementPlan;
import dev.neurolake.graph.StatementResult;
import dev.neurolake.graph.UpdateCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Runs a Cypher script of CREATE and MERGE statements (and index or constraint commands).
 * Every statement is first planned without running, so a syntax error or a refused clause
 * anywhere stops the import before anything is written. Then the statements run in order, in
 * batches of one write transaction each (index commands alone, as Neo4j requires). A failure
 * names the statement, its line, and how many statements were committed before it.
 */
public final class ScriptImporter
{
    private final GraphStore graph;
    private final int statementsPerTransaction;
    private final Duration transactionTimeout;
    private final MeterRegistry meters;

    public ScriptImporter(GraphStore graph, int statementsPerTransaction, Duration transactionTimeout, MeterRegistry meters)
    {
        this.graph = requireNonNull(graph, "graph is null");
        this.transactionTimeout = requireNonNull(transactionTimeout, "transactionTimeout is null");
        this.meters = requireNonNull(meters, "meters is null");
        if (statementsPerTransaction < 1) {
            throw new IllegalArgumentException("statementsPerTransaction must be at least 1");
        }
        this.statementsPerTransaction = statementsPerTransaction;
    }

    public ImportResult run(String script)
    {
        requireNonNull(script, "script is null");
        long start = System.nanoTime();
        List<ScriptStatement> statements = CypherScript.parse(script);
        if (statements.isEmpty()) {
            throw new NeuroLakeException(ErrorCode.IMPORT_FAILED, "The script has no statements");
        }
        List<StatementPlan> plans = new ArrayList<>();
        for (ScriptStatement statement : statements) {
            try {
                plans.add(graph.explain(CypherStatement.of(statement.text())));
            }
            catch (NeuroLakeException e) {
                throw failed(statement, e, 0);
            }
        }
        UpdateCounters counters = UpdateCounters.NONE;
        int committed = 0;
        int transactions = 0;
        List<ScriptStatement> batch = new ArrayList<>();
        for (int index = 0; index <= statements.size(); index++) {
            boolean last = index == statements.size();
            boolean schema = !last && plans.get(index).isSchemaWrite();
            if (!batch.isEmpty() && (last || schema || batch.size() == statementsPerTransaction)) {
                counters = counters.plus(commit(batch, committed));
                committed += batch.size();
                transactions++;
                batch.clear();
            }
            if (last) {
                break;
            }
            batch.add(statements.get(index));
            if (schema) {
                counters = counters.plus(commit(batch, committed));
                committed++;
                transactions++;
                batch.clear();
            }
        }
        Counter.builder("neurolake.graph.import.statements")
                .description("Statements run by Cypher script imports")
                .register(meters)
                .increment(committed);
        return new ImportResult(committed, transactions, counters, (System.nanoTime() - start) / 1_000_000);
    }

    private UpdateCounters commit(List<ScriptStatement> batch, int committedBefore)
    {
        List<CypherStatement> cypher = batch.stream().map(statement -> CypherStatement.of(statement.text())).toList();
        try {
            UpdateCounters counters = UpdateCounters.NONE;
            for (StatementResult result : graph.write(new GraphWrite(cypher, transactionTimeout, false, true))) {
                counters = counters.plus(result.counters());
            }
            return counters;
        }
        catch (NeuroLakeException e) {
            Object index = e.details().get("statementIndex");
            ScriptStatement failing = index instanceof Integer position ? batch.get(position) : batch.getFirst();
            throw failed(failing, e, committedBefore);
        }
    }

    private static NeuroLakeException failed(ScriptStatement statement, NeuroLakeException cause, int committed)
    {
        Map<String, Object> details = new LinkedHashMap<>(cause.details());
        details.remove("statementIndex");
        details.put("statement", statement.number());
        details.put("line", statement.line());
        details.put("text", statement.excerpt());
        details.put("committedStatements", committed);
        details.put("cause", cause.code().name());
        String message = "Statement " + statement.number() + " (line " + statement.line() + ") failed: " + cause.getMessage()
                + (committed == 0 ? ". Nothing was written." : ". Statements 1 to " + committed + " were committed before it.");
        // An unreachable store stays a 503: the script is not at fault.
        ErrorCode code = cause.code() == ErrorCode.GRAPH_UNAVAILABLE ? ErrorCode.GRAPH_UNAVAILABLE : ErrorCode.IMPORT_FAILED;
        return new NeuroLakeException(code, message, details, cause);
    }
}
