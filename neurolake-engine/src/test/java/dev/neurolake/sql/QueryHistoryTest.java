package dev.neurolake.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.neurolake.error.ErrorCode;
import dev.neurolake.error.NeuroLakeException;
import dev.neurolake.metadata.MetadataBackend;
import dev.neurolake.metadata.MetadataDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryHistoryTest
{
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void recordsOutcomesAndPagesNewestFirst(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(directory);
                HikariDataSource dataSource = MetadataDatabase.open(database.connection())) {
            MetadataDatabase.migrate(dataSource);
            QueryHistory history = new QueryHistory(dataSource);
            for (int index = 0; index < 7; index++) {
                history.started("q" + index, Optional.of(index % 2 == 0 ? "ann" : "bob"), "SELECT " + index);
                history.finished("q" + index, QueryStatus.SUCCEEDED, OptionalLong.of(index), index * 10L, Optional.empty());
            }
            history.started("failed", Optional.empty(), "SELEC 1");
            history.finished("failed", QueryStatus.FAILED, OptionalLong.empty(), 3, Optional.of(new NeuroLakeException(ErrorCode.SQL_SYNTAX_ERROR, "syntax error")));

            List<String> seen = new ArrayList<>();
            HistoryPage page = history.page(Optional.empty(), 3, Optional.empty());
            seen.addAll(page.items().stream().map(HistoryEntry::queryId).toList());
            while (page.nextPageToken().isPresent()) {
                page = history.page(Optional.empty(), 3, page.nextPageToken());
                seen.addAll(page.items().stream().map(HistoryEntry::queryId).toList());
            }

            assertThat(seen).containsExactly("failed", "q6", "q5", "q4", "q3", "q2", "q1", "q0");
            assertThat(history.find("failed")).get().satisfies(entry -> {
                assertThat(entry.status()).isEqualTo(QueryStatus.FAILED);
                assertThat(entry.errorCode()).contains("SQL_SYNTAX_ERROR");
                assertThat(entry.rows()).isEmpty();
                assertThat(entry.finishedAt()).isPresent();
            });
            assertThat(history.page(Optional.of("ann"), 100, Optional.empty()).items()).extracting(HistoryEntry::queryId).containsExactly("q6", "q4", "q2", "q0");
            assertThatThrownBy(() -> history.page(Optional.empty(), 10, Optional.of("not-a-token")))
                    .isInstanceOfSatisfying(NeuroLakeException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }
}
