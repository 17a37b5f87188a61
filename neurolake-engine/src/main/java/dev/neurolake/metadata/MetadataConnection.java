package dev.neurolake.metadata;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where the metadata database is and how to log in to it. */
public record MetadataConnection(String url, Optional<String> username, Optional<String> password)
{
    public MetadataConnection
    {
        requireNonNull(url, "url is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("metadata URL must be an H2 or PostgreSQL JDBC URL: " + url);
        }
    }

    public static MetadataConnection of(String url)
    {
        return new MetadataConnection(url, Optional.empty(), Optional.empty());
    }

    public boolean isPostgres()
    {
        return url.startsWith("jdbc:postgresql:");
    }
}
