package dev.neurolake.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One Cypher statement with its parameters. */
public record CypherStatement(String text, Map<String, Object> parameters)
{
    public CypherStatement
    {
        requireNonNull(text, "text is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
    }

    public static CypherStatement of(String text)
    {
        return new CypherStatement(text, Map.of());
    }
}
