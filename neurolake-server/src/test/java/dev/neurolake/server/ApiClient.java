package dev.neurolake.server;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for tests against the real server on loopback. */
public final class ApiClient
{
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port)
    {
        this.base = "http://127.0.0.1:" + port;
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
        return send(HttpRequest.newBuilder(uri("/api/v1/data/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Response send(HttpRequest.Builder request)
    {
        try {
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
