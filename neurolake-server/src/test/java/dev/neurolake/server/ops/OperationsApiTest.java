package dev.neurolake.server.ops;

import dev.neurolake.server.ApiClient;
import dev.neurolake.server.ServerTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsApiTest
        extends ServerTest
{
    @Test
    void probesAnswer()
    {
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/live").status()).isEqualTo(200);
        ApiClient.Response ready = api.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("duckdb").path("status").asString()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("dataDirectory").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsArePrometheusTextWithQueryUploadAndHttpMetrics()
    {
        api.count("demo.region");
        api.upload("ops_metrics.t", "create", "a.csv", "k\n1\n2\n".getBytes(StandardCharsets.UTF_8));

        ApiClient.Response metrics = api.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("neurolake_queries_total{outcome=\"succeeded\"}")
                .contains("neurolake_query_duration_seconds_bucket")
                .contains("neurolake_query_rows")
                .contains("neurolake_upload_rows_total")
                .contains("neurolake_upload_bytes_total")
                .contains("http_server_requests_seconds_count");
    }

    @Test
    void requestIdIsEchoedOrGeneratedAndAppearsInProblems()
    {
        ApiClient.Response echoed = api.send(HttpRequest.newBuilder(api.uri("/api/v1/data/tables/main.nope/schema")).header("X-Request-Id", "trace-42").GET());
        assertThat(echoed.headers().firstValue("X-Request-Id")).contains("trace-42");
        assertThat(echoed.json().path("requestId").asString()).isEqualTo("trace-42");

        ApiClient.Response generated = api.get("/health");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSizeGreaterThan(8));
    }

    @Test
    void frameworkErrorsAreProblemsWithCodes()
    {
        ApiClient.Response notFound = api.get("/api/v1/nothing-here");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.contentType()).startsWith("application/problem+json");
        assertThat(notFound.code()).isEqualTo("NOT_FOUND");

        ApiClient.Response wrongMethod = api.delete("/api/v1/queries/history");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");

        ApiClient.Response wrongType = api.send(HttpRequest.newBuilder(api.uri("/api/v1/queries")).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("SELECT 1")));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void openApiDocumentsTheApi()
    {
        ApiClient.Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("info").path("title").asString()).isEqualTo("NeuroLake API");
        assertThat(docs.json().path("paths").has("/api/v1/queries")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/data/upload")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
