package dev.g4j.gateway.internal;

import java.time.Duration;

/**
 * An error as OpenAI reports it: an HTTP status and the body {@code {"error":{"message","type","param","code"}}}.
 *
 * @param status the HTTP status
 * @param message what happened and what to do
 * @param type OpenAI's error type, such as {@code invalid_request_error}
 * @param param the request field at fault, or null
 * @param code a machine-readable code, or null
 * @param retryAfter how long the caller should wait before trying again, or null
 */
public record ApiError(int status, String message, String type, String param, String code, Duration retryAfter) {

    /** The longest wait the gateway asks for: every SDK version honours up to 60 s. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /**
     * A 400 for a request field.
     *
     * @param param the field at fault
     * @param message what is wrong and what to send instead
     * @return the error
     */
    public static ApiError badRequest(String param, String message) {
        return new ApiError(400, message, "invalid_request_error", param, "invalid_value", null);
    }

    /**
     * The same error with another code.
     *
     * @param newCode the code
     * @return a copy
     */
    public ApiError withCode(String newCode) {
        return new ApiError(status, message, type, param, newCode, retryAfter);
    }

    /**
     * The {@code Retry-After} value in whole seconds, rounded up and capped at 60.
     *
     * @return the seconds, or -1 when no wait is set
     */
    public long retryAfterSeconds() {
        if (retryAfter == null) {
            return -1;
        }
        Duration capped = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        long seconds = capped.toSeconds() + (capped.toNanosPart() > 0 ? 1 : 0);
        return Math.max(seconds, 1);
    }
}
