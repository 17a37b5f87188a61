package dev.neurolake.metadata;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataDatabaseTest
{
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(MetadataBackend.class)
    void migrationsApplyOnceAndCreateTheSchema(MetadataBackend backend)
            throws Exception
    {
        try (MetadataBackend.Provisioned database = backend.provision(directory);
                HikariDataSource dataSource = MetadataDatabase.open(database.connection())) {
            assertThat(MetadataDatabase.migrate(dataSource)).isPositive();
            assertThat(MetadataDatabase.migrate(dataSource)).isZero();

            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM query_history")) {
                resultSet.next();
                assertThat(resultSet.getLong(1)).isZero();
            }
        }
    }
}
