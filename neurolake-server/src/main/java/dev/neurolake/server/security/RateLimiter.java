package dev.neurolake.server.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Token buckets, one per key (principal or client IP), refilled in full once a minute so a
 * limit of N per minute admits exactly N requests in any minute window of the bucket. Buckets
 * live in memory, or in Redis when several replicas must share one budget.
 */
public final class RateLimiter
        implements AutoCloseable
{
    private final Backend backend;

    private RateLimiter(Backend backend)
    {
        this.backend = requireNonNull(backend, "backend is null");
    }

    public static RateLimiter inMemory()
    {
        Map<String, io.github.bucket4j.Bucket> buckets = new ConcurrentHashMap<>();
        return new RateLimiter(new Backend()
        {
            @Override
            public ConsumptionProbe consume(String key, BucketConfiguration configuration)
            {
                return buckets.computeIfAbsent(key, ignored -> io.github.bucket4j.Bucket.builder()
                        .addLimit(configuration.getBandwidths()[0])
                        .build()).tryConsumeAndReturnRemaining(1);
            }

            @Override
            public void close() {}
        });
    }

    public static RateLimiter redis(String redisUrl)
    {
        RedisClient client = RedisClient.create(redisUrl);
        ProxyManager<byte[]> proxyManager = Bucket4jLettuce.casBasedBuilder(client)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(2)))
                .build();
        return new RateLimiter(new Backend()
        {
            @Override
            public ConsumptionProbe consume(String key, BucketConfiguration configuration)
            {
                return proxyManager.builder().build(("neurolake:ratelimit:" + key).getBytes(StandardCharsets.UTF_8), () -> configuration).tryConsumeAndReturnRemaining(1);
            }

            @Override
            public void close()
            {
                client.shutdown();
            }
        });
    }

    /** Takes one token from the bucket of {@code key}, whose capacity is {@code perMinute}. */
    public ConsumptionProbe tryConsume(String key, int perMinute)
    {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)).build())
                .build();
        // The capacity is part of the key: a role change gets a bucket of the new size.
        return backend.consume(key + ":" + perMinute, configuration);
    }

    @Override
    public void close()
    {
        backend.close();
    }

    private interface Backend
            extends AutoCloseable
    {
        ConsumptionProbe consume(String key, BucketConfiguration configuration);

        @Override
        void close();
    }
}
