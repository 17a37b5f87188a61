package dev.neurolake.bench;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One TPC-H query.
 *
 * @param number 1 to 22
 * @param sql the query in DuckDB SQL over {@code tpch.<table>}
 * @param rowsAtScaleFactorOne rows of the specification's answer set at scale factor 1, to check
 *         both systems against something neither of them computed
 */
record TpchQuery(int number, String sql, long rowsAtScaleFactorOne)
{
    TpchQuery
    {
        requireNonNull(sql, "sql is null");
        if (number < 1 || number > 22) {
            throw new IllegalArgumentException("TPC-H queries are numbered 1 to 22, got " + number);
        }
    }

    String name()
    {
        return "Q" + number;
    }

    /** The answer set's row count, known only at scale factor 1. */
    OptionalLong expectedRows(double scaleFactor)
    {
        return scaleFactor == 1.0 ? OptionalLong.of(rowsAtScaleFactorOne) : OptionalLong.empty();
    }
}
