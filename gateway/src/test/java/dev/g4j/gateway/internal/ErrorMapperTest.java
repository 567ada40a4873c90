package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.UpstreamConnectionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMapperTest {

    private static RetryProviderException allFailed(Throwable... causes) {
        List<Map.Entry<String, Throwable>> failures = new java.util.ArrayList<>();
        for (int i = 0; i < causes.length; i++) {
            failures.add(Map.entry("P" + i, causes[i]));
        }
        return RetryProviderException.of("m", failures);
    }

    @Test
    void failoverThatHitOnlyRateLimitsIs429WithTheShortestWait() {
        ApiError e = ErrorMapper.map(allFailed(new RateLimitException(429, null, "a", Duration.ofSeconds(30)),
                new RateLimitException(429, null, "b", Duration.ofSeconds(4))));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfterSeconds()).isEqualTo(4);
    }

    @Test
    void failoverThatOnlyTimedOutIs504AndAMixIs502() {
        ProviderTimeoutException timeout = new ProviderTimeoutException("slow");
        assertThat(ErrorMapper.map(allFailed(timeout, new ProviderTimeoutException("slower"))).status()).isEqualTo(504);
        assertThat(ErrorMapper.map(allFailed(timeout, new RateLimitException("busy"))).status()).isEqualTo(502);
        assertThat(ErrorMapper.map(allFailed(new UpstreamConnectionException("down"))).code()).isEqualTo("upstream_failure");
    }

    @Test
    void unwrapsCompletionExceptionsAndMapsModelNotFound() {
        ApiError e = ErrorMapper.map(new CompletionException(new ModelNotFoundException("Model 'x' is not served.")));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.param()).isEqualTo("model");
        assertThat(e.message()).startsWith("Model 'x' is not served.");
    }

    @Test
    void unexpectedFailuresAre500WithoutTheirMessage() {
        ApiError e = ErrorMapper.map(new NullPointerException("secret detail"));

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.message()).doesNotContain("secret detail");
    }

    @Test
    void retryAfterIsRoundedUpAndCappedAtSixtySeconds() {
        assertThat(new ApiError(429, "m", "t", null, null, Duration.ofMillis(1200)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new ApiError(429, "m", "t", null, null, Duration.ofMinutes(10)).retryAfterSeconds()).isEqualTo(60);
        assertThat(new ApiError(429, "m", "t", null, null, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new ApiError(429, "m", "t", null, null, null).retryAfterSeconds()).isEqualTo(-1);
    }
}
