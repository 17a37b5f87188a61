package dev.neurolake.metadata;

import java.nio.file.Path;

/** The metadata databases every metadata test runs on: the embedded default and PostgreSQL. */
public enum MetadataBackend
{
    H2, POSTGRESQL;

    /** A fresh, empty metadata database of this kind; PostgreSQL tests skip when the server is unreachable. */
    public Provisioned provision(Path directory)
    {
        return switch (this) {
            case H2 -> new Provisioned(MetadataConnection.of(MetadataDatabase.embeddedUrl(directory)), () -> {});
            case POSTGRESQL -> {
                TestPostgres postgres = TestPostgres.createDatabase();
                yield new Provisioned(postgres.connection(), postgres::close);
            }
        };
    }

    /** A provisioned database and how to get rid of it. */
    public record Provisioned(MetadataConnection connection, Cleanup cleanup)
            implements AutoCloseable
    {
        @Override
        public void close()
                throws Exception
        {
            cleanup.run();
        }
    }

    @FunctionalInterface
    public interface Cleanup
    {
        void run()
                throws Exception;
    }
}
