package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RetryProviderException;

import java.time.Duration;
import java.util.concurrent.CompletionException;

/** Maps a failure of the registry or a provider to the OpenAI error that a client should see. */
public final class ErrorMapper {
    private ErrorMapper() {
    }

    /**
     * The error for a failure.
     *
     * @param failure what went wrong
     * @return the error, with the status OpenAI clients expect
     */
    public static ApiError map(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof BadRequestException) {
            return ((BadRequestException) t).error();
        }
        if (t instanceof ModelNotFoundException) {
            return new ApiError(404, t.getMessage() + " List the models with GET /v1/models.",
                    "invalid_request_error", "model", "model_not_found", null);
        }
        if (t instanceof ProviderNotFoundException) {
            return new ApiError(503, t.getMessage(), "server_error", null, "no_provider", null);
        }
        if (t instanceof RateLimitException) {
            return rateLimited(t.getMessage(), ((RateLimitException) t).retryAfter().orElse(null));
        }
        if (t instanceof ProviderTimeoutException) {
            return timeout(t.getMessage());
        }
        if (t instanceof RetryProviderException) {
            return retryFailure((RetryProviderException) t);
        }
        if (t instanceof IllegalArgumentException) {
            return ApiError.badRequest("messages", t.getMessage());
        }
        if (t instanceof dev.g4j.provider.api.ProviderException) {
            return upstream(t.getMessage());
        }
        return new ApiError(500, "The gateway failed unexpectedly (" + t.getClass().getSimpleName()
                + "); see its log.", "server_error", null, "internal_error", null);
    }

    /** All attempts hit the same wall: rate limits give 429, timeouts 504; a mix is a 502. */
    private static ApiError retryFailure(RetryProviderException e) {
        Throwable[] causes = e.getSuppressed();
        if (causes.length > 0) {
            boolean allRateLimited = true;
            boolean allTimedOut = true;
            Duration shortestWait = null;
            for (Throwable c : causes) {
                allRateLimited &= c instanceof RateLimitException;
                allTimedOut &= c instanceof ProviderTimeoutException;
                if (c instanceof RateLimitException) {
                    Duration wait = ((RateLimitException) c).retryAfter().orElse(null);
                    if (wait != null && (shortestWait == null || wait.compareTo(shortestWait) < 0)) {
                        shortestWait = wait;
                    }
                }
            }
            if (allRateLimited) {
                return rateLimited(e.getMessage(), shortestWait);
            }
            if (allTimedOut) {
                return timeout(e.getMessage());
            }
        }
        return upstream(e.getMessage());
    }

    private static ApiError rateLimited(String message, Duration retryAfter) {
        return new ApiError(429, message, "rate_limit_error", null, "rate_limit_exceeded", retryAfter);
    }

    private static ApiError timeout(String message) {
        return new ApiError(504, message, "timeout_error", null, "upstream_timeout", null);
    }

    private static ApiError upstream(String message) {
        return new ApiError(502, message, "upstream_error", null, "upstream_failure", null);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
