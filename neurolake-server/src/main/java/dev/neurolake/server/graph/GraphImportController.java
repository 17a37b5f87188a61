package dev.neurolake.server.graph;

import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.graph.script.ImportResult;
import dev.neurolake.graph.script.ScriptImporter;
import dev.neurolake.server.governance.AuditTrail;
import dev.neurolake.server.security.Permission;
import dev.neurolake.server.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Loads a Cypher script into the graph. */
@RestController
@RequestMapping("/api/v1/graph")
public class GraphImportController
{
    private final ScriptImporter importer;
    private final GraphProperties properties;
    private final AuditTrail audit;

    public GraphImportController(ScriptImporter importer, GraphProperties properties, AuditTrail audit)
    {
        this.importer = requireNonNull(importer, "importer is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Operation(summary = "Import a Cypher script of CREATE and MERGE statements (UTF-8), such as Neo4j's movies example",
            description = "Statements are separated by semicolons. All are planned first, so a syntax error or a refused clause (LOAD CSV, file procedures) "
                    + "stops the import before anything is written; then they run in batches, one write transaction each. A failure (400 IMPORT_FAILED) "
                    + "names the statement, its line, and how many statements were committed before it.")
    @RequiresPermission(Permission.GRAPH_WRITE)
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ImportResult importScript(@RequestPart("file") MultipartFile file)
    {
        String fileName = Optional.ofNullable(file.getOriginalFilename()).filter(name -> !name.isBlank()).orElse("script");
        if (file.getSize() > properties.script().maxSize().toBytes()) {
            throw new NeuroLakeException(ErrorCode.PAYLOAD_TOO_LARGE, fileName + " is larger than the " + properties.script().maxSize().toMegabytes() + " MB a script may have",
                    Map.of("file", fileName, "maxBytes", properties.script().maxSize().toBytes()));
        }
        String script = text(file, fileName);
        try {
            ImportResult result = importer.run(script);
            audit.record("GRAPH_IMPORT", fileName, "SUCCEEDED", Map.of("statements", result.statements(), "nodesCreated", result.counters().nodesCreated(),
                    "relationshipsCreated", result.counters().relationshipsCreated()));
            return result;
        }
        catch (NeuroLakeException e) {
            audit.record("GRAPH_IMPORT", fileName, "FAILED", Map.of("errorCode", e.code().name()));
            throw e;
        }
    }

    private static String text(MultipartFile file, String fileName)
    {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.getBytes()))
                    .toString();
        }
        catch (CharacterCodingException e) {
            throw new NeuroLakeException(ErrorCode.IMPORT_FAILED, fileName + " is not UTF-8 text", Map.of("file", fileName), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + fileName, e);
        }
    }
}
