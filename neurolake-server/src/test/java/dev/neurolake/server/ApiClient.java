package dev.neurolake.server;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A plain HTTP client for tests against the real server on loopback. */
public final class ApiClient
{
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager()).build();
    private final int port;
    private final String base;
    private final Optional<String> bearer;
    private Optional<String> csrfToken = Optional.empty();

    /** An anonymous client. */
    public ApiClient(int port)
    {
        this(port, Optional.empty());
    }

    private ApiClient(int port, Optional<String> bearer)
    {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.bearer = bearer;
    }

    /** A client that sends an API key with every request. */
    public static ApiClient withApiKey(int port, String secret)
    {
        return new ApiClient(port, Optional.of(secret));
    }

    /** A browser-like client: signs in, keeps the session cookie and sends the CSRF token. */
    public static ApiClient signedIn(int port, String username, String password)
    {
        ApiClient client = new ApiClient(port);
        Response response = client.postJson("/api/v1/auth/login", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        client.csrfToken = Optional.of(response.json().path("csrfToken").asString());
        return client;
    }

    /** Creates an API key for the signed-in user and returns its secret. */
    public String createApiKey(String name, List<String> scopes)
    {
        Response response = postJson("/api/v1/auth/api-keys", Map.of("name", name, "scopes", scopes));
        if (response.status() != 200) {
            throw new AssertionError("API key creation failed: " + response);
        }
        return response.json().path("secret").asString();
    }

    /** A client of the same server signed in as another user with an API key of theirs. */
    public ApiClient as(String username, String password)
    {
        return withApiKey(port, signedIn(port, username, password).createApiKey("test-" + username, List.of()));
    }

    public Response get(String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response post(String path, String json)
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POSTs a JSON body built from a map, so tests need not escape SQL by hand. */
    public Response postJson(String path, Map<String, ?> body)
    {
        return post(path, JSON.writeValueAsString(body));
    }

    public Response query(String sql)
    {
        return postJson("/api/v1/queries", Map.of("sql", sql));
    }

    public Response upload(String table, String mode, String fileName, byte[] content)
    {
        return upload(fileName, content, Map.of("table", table, "mode", mode));
    }

    /** A multipart/form-data upload with a {@code file} part and form fields. */
    public Response upload(String fileName, byte[] content, Map<String, String> fields)
    {
        return multipart("/api/v1/data/upload", fileName, content, fields);
    }

    /** A multipart/form-data POST to any path, with a {@code file} part and form fields. */
    public Response multipart(String path, String fileName, byte[] content, Map<String, String> fields)
    {
        String boundary = "neurolake-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Response send(HttpRequest.Builder request)
    {
        try {
            bearer.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
            csrfToken.ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path)
    {
        return URI.create(base + path);
    }

    /** Count of a table through the SQL API. */
    public long count(String table)
    {
        Response response = query("SELECT count(*) FROM " + table);
        if (response.status() != 200) {
            throw new AssertionError("count failed: " + response);
        }
        return response.json().path("rows").path(0).path(0).asLong();
    }

    public static Map<String, Object> body(Object... keysAndValues)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            body.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return body;
    }

    public record Response(int status, HttpHeaders headers, String body)
    {
        public JsonNode json()
        {
            return JSON.readTree(body);
        }

        public String contentType()
        {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** The problem+json {@code code}. */
        public String code()
        {
            return json().path("code").asString();
        }
    }
}
