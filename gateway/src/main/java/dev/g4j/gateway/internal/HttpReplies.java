package dev.g4j.gateway.internal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes whole JSON answers and OpenAI errors. */
public final class HttpReplies {
    private final Wire wire;

    /**
     * Creates the writer.
     *
     * @param wire writes the JSON
     */
    public HttpReplies(Wire wire) {
        this.wire = wire;
    }

    /**
     * Ends a response with a JSON body.
     *
     * @param response the response, not yet started
     * @param status the status
     * @param json the body
     */
    public void json(HttpServerResponse response, int status, byte[] json) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(json));
    }

    /**
     * Ends a response with an OpenAI error, and {@code Retry-After} when the error says when to try again.
     *
     * @param response the response, not yet started
     * @param error the error
     */
    public void error(HttpServerResponse response, ApiError error) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        long retryAfter = error.retryAfterSeconds();
        if (retryAfter > 0) {
            response.putHeader("retry-after", Long.toString(retryAfter));
            response.putHeader("retry-after-ms", Long.toString(retryAfter * 1000));
        }
        if (error.status() >= 500 && error.status() != 502 && error.status() != 503 && error.status() != 504) {
            // A bug in the gateway does not go away when the client retries.
            response.putHeader("x-should-retry", "false");
        }
        json(response, error.status(), wire.error(error));
    }

    /**
     * The JSON writer.
     *
     * @return the writer
     */
    public Wire wire() {
        return wire;
    }
}
