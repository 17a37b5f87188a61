package dev.neurolake.server.security;

import dev.neurolake.server.ApiClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A burst of 200 requests with one API key against a limit of 50 per minute. */
final class RateLimitScenario
{
    private RateLimitScenario() {}

    static void burstAdmitsExactlyTheLimit(int port, String adminPassword)
    {
        ApiClient admin = ApiClient.signedIn(port, "admin", adminPassword);
        // A fresh user per run: Redis keeps buckets between runs for their refill period.
        String username = "burst_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", username, "password", "burst-password", "roles", List.of("analyst"))).status()).isEqualTo(201);
        ApiClient analyst = ApiClient.withApiKey(port, ApiClient.signedIn(port, username, "burst-password").createApiKey("burst", List.of()));

        int admitted = 0;
        int limited = 0;
        ApiClient.Response lastLimited = null;
        for (int request = 0; request < 200; request++) {
            ApiClient.Response response = analyst.get("/api/v1/auth/me");
            if (response.status() / 100 == 2) {
                admitted++;
            }
            else if (response.status() == 429) {
                limited++;
                lastLimited = response;
            }
        }

        // The user's budget is per principal: creating the key was their first request of the minute.
        int alreadyUsed = 1;
        assertThat(admitted).isEqualTo(50 - alreadyUsed);
        assertThat(limited).isEqualTo(200 - admitted);
        assertThat(lastLimited.code()).isEqualTo("RATE_LIMITED");
        assertThat(lastLimited.headers().firstValue("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L));
        assertThat(lastLimited.headers().firstValue("RateLimit-Limit")).contains("50");
        assertThat(lastLimited.headers().firstValue("RateLimit-Remaining")).contains("0");
    }
}
