package dev.neurolake.lake;

import dev.neurolake.NeuroLakeEngine;
import dev.neurolake.TestEngines;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.MetadataBackend;
import dev.neurolake.sql.QueryRequest;
import dev.neurolake.sql.QuerySettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Iceberg catalog and query history kept in each metadata database survive a restart. */
class LakeCatalogMetadataTest
{
    @TempDir
    Path dataDirectory;

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void tablesSnapshotsAndHistorySurviveRestart(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(dataDirectory.resolve("metadata"))) {
            TableName table = TableName.parse("sales.orders");
            try (NeuroLakeEngine engine = TestEngines.start(dataDirectory, database.connection(), QuerySettings.defaults())) {
                engine.writer().write(table, WriteMode.CREATE, new QuerySource("SELECT range AS id, range * 2.5 AS amount FROM range(100)", "first"));
                engine.writer().write(table, WriteMode.APPEND, new QuerySource("SELECT 100 AS id, 1.0 AS amount", "second"));
                engine.queries().execute(QueryRequest.of("SELECT count(*) FROM sales.orders"));
            }

            try (NeuroLakeEngine engine = TestEngines.start(dataDirectory, database.connection(), QuerySettings.defaults())) {
                assertThat(engine.catalog().listNamespaces()).containsExactly("sales");
                assertThat(engine.catalog().listTables("sales")).containsExactly(table);
                assertThat(engine.catalog().snapshots(table)).hasSize(2);
                assertThat(engine.queries().execute(QueryRequest.of("SELECT count(*), CAST(sum(id) AS BIGINT) FROM sales.orders")).rows())
                        .containsExactly(List.of(101L, 5050L));
                assertThat(engine.queries().history(java.util.Optional.empty(), 10, java.util.Optional.empty()).items()).hasSize(2);

                engine.catalog().drop(table);
                assertThatThrownBy(() -> engine.catalog().describe(table))
                        .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
            }
        }
    }
}
