package dev.neurolake.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A program's view of NeuroLake's HTTP API, as the README describes it: sign in once to create an
 * API key, then send {@code Authorization: Bearer nlk_...} with every request.
 */
final class NeuroLakeHttpClient
{
    /** Decimals stay exact: DuckDB's DECIMAL sums have more digits than a double holds. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Duration LONG_REQUEST = Duration.ofHours(1);

    private final HttpClient http;
    private final URI baseUri;
    private final String apiKey;

    private NeuroLakeHttpClient(URI baseUri, String apiKey)
    {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        // HTTP/1.1 with keep-alive, what most clients use; no cookies, so every request authenticates by its key.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Signs in with a password, creates an API key with it, and returns a client that uses the key. */
    static NeuroLakeHttpClient signIn(URI baseUri, String username, String password)
    {
        requireNonNull(baseUri, "baseUri is null");
        // The session cookie and the XSRF-TOKEN cookie of the sign-in go back with the key request.
        HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
        JsonNode login = send(session, HttpRequest.newBuilder(baseUri.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(json(Map.of("username", username, "password", password)))
                .build());
        JsonNode created = send(session, HttpRequest.newBuilder(baseUri.resolve("/api/v1/auth/api-keys"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", login.path("csrfToken").asText())
                .POST(json(Map.of("name", "TPC-H benchmark")))
                .build());
        return new NeuroLakeHttpClient(baseUri, created.path("secret").asText());
    }

    /** Uploads a file into a new table ({@code mode=create}); returns the server's answer. */
    JsonNode upload(String table, Path file)
    {
        String boundary = "neurolake-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"table\"\r\n\r\n" + table + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        }
        catch (FileNotFoundException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return send(http, authorized("/api/v1/data/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body)
                .build());
    }

    /**
     * Runs a query and reads every page of its result, following {@code nextUri} while the
     * result is {@code truncated}: everything a client must do to have the whole answer.
     */
    HttpQueryResult query(String sql, int maxRows)
    {
        JsonNode page = send(http, authorized("/api/v1/queries")
                .header("Content-Type", "application/json")
                .POST(json(Map.of("sql", sql, "maxRows", maxRows, "timeoutSeconds", LONG_REQUEST.toSeconds())))
                .build());
        long firstPageMillis = page.path("elapsedMillis").asLong();
        List<JsonNode> rows = new ArrayList<>();
        int pages = 1;
        page.path("rows").forEach(rows::add);
        while (page.path("truncated").asBoolean(false)) {
            page = send(http, authorized(page.path("nextUri").asText()).GET().build());
            page.path("rows").forEach(rows::add);
            pages++;
        }
        return new HttpQueryResult(rows, firstPageMillis, pages);
    }

    private HttpRequest.Builder authorized(String path)
    {
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(LONG_REQUEST)
                .header("Authorization", "Bearer " + apiKey);
    }

    private static HttpRequest.BodyPublisher json(Map<String, ?> body)
    {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode send(HttpClient client, HttpRequest request)
    {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /**
     * A whole query result as the client received it.
     *
     * @param rows each row a JSON array of values
     * @param firstPageMillis the server's {@code elapsedMillis}: from the query's start in the
     *         engine to its first page, without authentication, JSON and HTTP
     */
    record HttpQueryResult(List<JsonNode> rows, long firstPageMillis, int pages)
    {
        HttpQueryResult
        {
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }
}
