package dev.g4j.openai.testkit;

import java.util.Objects;

/**
 * A failure the {@link OpenAiSimulator} injects into one chat request. Make one with the static factories; queue it
 * with {@link OpenAiSimulator#nextFaults(Fault...)} (each fault is used by one request, in order) or set it for
 * every request with {@link OpenAiSimulator.Builder#fault(Fault)}.
 *
 * @param kind what goes wrong
 * @param status the HTTP status for the status faults, else 200
 * @param detail the {@code Retry-After} value for {@link Kind#RATE_LIMITED}, the message for
 *        {@link Kind#ERROR_EVENT} and {@link Kind#STATUS}; may be null
 * @param afterTokens how many content tokens are streamed before a mid-stream fault strikes
 */
public record Fault(Kind kind, int status, String detail, int afterTokens) {

    /** The kinds of fault. */
    public enum Kind {
        /** Answers 401 with an OpenAI error body, whatever key was sent. */
        UNAUTHORIZED,
        /** Answers 404 {@code model_not_found} for the requested model. */
        MODEL_NOT_FOUND,
        /** Answers 429, with {@code Retry-After} when {@link Fault#detail()} is set. */
        RATE_LIMITED,
        /** Answers with any status and an OpenAI error body. */
        STATUS,
        /** Streams some tokens, then closes the connection without ending the body. */
        DROP,
        /** Streams some tokens, then sends {@code data: {"error": {...}}} and ends the body. */
        ERROR_EVENT,
        /** Streams the whole answer and its finish chunk but never sends {@code data: [DONE]}. */
        NO_DONE,
        /** All tokens, then the end of the body: no finish_reason, no usage, no [DONE]. */
        CUT_OFF,
        /** Streams some tokens, then an event whose data is not JSON. */
        MALFORMED_EVENT,
        /** Streams some tokens, then stays silent with the connection open until the client leaves. */
        STALL
    }

    /**
     * Checks the parts.
     *
     * @param kind not null
     * @param status an HTTP status
     * @param detail may be null
     * @param afterTokens not negative
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (afterTokens < 0) {
            throw new IllegalArgumentException("afterTokens must not be negative, got " + afterTokens);
        }
    }

    /**
     * HTTP 401 with {@code invalid_api_key}.
     *
     * @return the fault
     */
    public static Fault unauthorized() {
        return new Fault(Kind.UNAUTHORIZED, 401, null, 0);
    }

    /**
     * HTTP 404 with {@code model_not_found}.
     *
     * @return the fault
     */
    public static Fault modelNotFound() {
        return new Fault(Kind.MODEL_NOT_FOUND, 404, null, 0);
    }

    /**
     * HTTP 429.
     *
     * @param retryAfter the {@code Retry-After} header value (seconds or an HTTP date), or null for none
     * @return the fault
     */
    public static Fault rateLimited(String retryAfter) {
        return new Fault(Kind.RATE_LIMITED, 429, retryAfter, 0);
    }

    /**
     * Any HTTP status with an OpenAI error body, such as 500 or 503.
     *
     * @param status the status
     * @param message the error message in the body
     * @return the fault
     */
    public static Fault status(int status, String message) {
        return new Fault(Kind.STATUS, status, message, 0);
    }

    /**
     * Closes the connection after some tokens.
     *
     * @param afterTokens tokens streamed first
     * @return the fault
     */
    public static Fault dropAfter(int afterTokens) {
        return new Fault(Kind.DROP, 200, null, afterTokens);
    }

    /**
     * Sends an in-stream {@code error} object after some tokens.
     *
     * @param afterTokens tokens streamed first
     * @param message the error message
     * @return the fault
     */
    public static Fault errorEventAfter(int afterTokens, String message) {
        return new Fault(Kind.ERROR_EVENT, 200, message, afterTokens);
    }

    /**
     * Leaves out {@code data: [DONE]}.
     *
     * @return the fault
     */
    public static Fault noDone() {
        return new Fault(Kind.NO_DONE, 200, null, 0);
    }

    /**
     * Sends every token, then ends the body with neither a {@code finish_reason}, usage nor {@code data: [DONE]}: a
     * truncated answer.
     *
     * @return the fault
     */
    public static Fault cutOff() {
        return new Fault(Kind.CUT_OFF, 200, null, 0);
    }

    /**
     * Sends a malformed (non-JSON) event after some tokens.
     *
     * @param afterTokens tokens streamed first
     * @return the fault
     */
    public static Fault malformedEventAfter(int afterTokens) {
        return new Fault(Kind.MALFORMED_EVENT, 200, null, afterTokens);
    }

    /**
     * Goes silent after some tokens, keeping the connection open.
     *
     * @param afterTokens tokens streamed first
     * @return the fault
     */
    public static Fault stallAfter(int afterTokens) {
        return new Fault(Kind.STALL, 200, null, afterTokens);
    }
}
