package dev.g4j.gradio.internal;

import dev.g4j.gradio.GradioConnectionException;
import dev.g4j.gradio.GradioException;
import dev.g4j.gradio.GradioRateLimitException;
import dev.g4j.gradio.GradioStatusException;
import dev.g4j.gradio.GradioTimeoutException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/** Maps transport failures and HTTP statuses to {@link GradioException}s, with messages that say what to do. */
public final class Failures {
    private Failures() {
    }

    /**
     * The host and port of a URL, for messages.
     *
     * @param url a URL
     * @return {@code host[:port]}, or the URL itself when it does not parse
     */
    public static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (RuntimeException e) {
            return url;
        }
    }

    /**
     * Maps a transport failure: a connect timeout, an idle timeout, or anything else as a connection failure.
     *
     * @param t the failure
     * @param url the request's URL
     * @param connectTimeout the connect limit, for the message
     * @param idleTimeout the silence limit, for the message
     * @return the typed failure; {@code t} itself when it already is one
     */
    public static GradioException transport(Throwable t, String url, Duration connectTimeout, Duration idleTimeout) {
        if (t instanceof GradioException g) {
            return g;
        }
        String host = hostOf(url);
        String cls = t.getClass().getName().toLowerCase(Locale.ROOT);
        String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (cls.contains("connecttimeout") || msg.contains("connection timed out")) {
            return new GradioTimeoutException(GradioTimeoutException.Kind.CONNECT, connectTimeout,
                    "Connecting to " + host + " took longer than " + connectTimeout
                            + "; check the network or proxy, or raise connectTimeout", t);
        }
        if (t instanceof java.util.concurrent.TimeoutException || cls.contains("timeout")) {
            return new GradioTimeoutException(GradioTimeoutException.Kind.IDLE, idleTimeout,
                    host + " sent nothing for " + idleTimeout + "; the app may be overloaded or asleep, retry or raise idleTimeout", t);
        }
        return new GradioConnectionException("Cannot talk to " + host + " (" + t.getClass().getSimpleName() + ": "
                + t.getMessage() + "); check the URL, the network and the proxy", t);
    }

    static GradioStatusException status(String what, int status, String body, String url, String prefix) {
        String host = hostOf(url);
        String excerpt = GradioStatusException.excerpt(body);
        return switch (status) {
            case 503 -> new GradioRateLimitException(status, body, "The Gradio queue at " + host
                    + " is full or stopped (HTTP 503: " + excerpt + "); retry later with backoff or use another provider");
            case 429 -> new GradioRateLimitException(status, body, host + " is rate limiting requests (HTTP 429); wait before retrying");
            case 422 -> new GradioStatusException(status, body, "The app at " + host + " rejected the " + what
                    + " (HTTP 422: " + excerpt + "); check that data has one value per input, in the dependency's inputs order");
            case 404 -> new GradioStatusException(status, body, "No " + what + " route at " + url + " (HTTP 404). "
                    + "Gradio 5 and 6 serve the queue under '/gradio_api', Gradio 4 at the root; the request used api_prefix '"
                    + prefix + "'. Take api_prefix from /config, or check the base URL");
            case 401, 403 -> new GradioStatusException(status, body, host + " refused the " + what + " (HTTP " + status
                    + "): the Space is private or needs a login; set a bearer token (an HF token) with access to it");
            default -> new GradioStatusException(status, body, "The " + what + " at " + host + " failed with HTTP "
                    + status + ": " + excerpt);
        };
    }

    /** The failure inside a future's wrapper, as a {@link GradioException}. */
    static GradioException unwrap(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof GradioException g ? g : new GradioException(String.valueOf(c.getMessage()), c);
    }
}
