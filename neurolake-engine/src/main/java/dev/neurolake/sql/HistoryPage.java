package dev.neurolake.sql;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A page of history, newest first; {@code nextPageToken} fetches older entries. */
public record HistoryPage(List<HistoryEntry> items, Optional<String> nextPageToken)
{
    public HistoryPage
    {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(nextPageToken, "nextPageToken is null");
    }
}
