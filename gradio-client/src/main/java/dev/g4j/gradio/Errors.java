package dev.g4j.gradio;

import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamConnectionException;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** Maps transport failures and HTTP statuses to the provider-api exceptions, with messages that say what to do. */
final class Errors {
    private Errors() {
    }

    static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (RuntimeException e) {
            return url;
        }
    }

    static ProviderException transport(Throwable t, String url, Duration connectTimeout, Duration idleTimeout) {
        if (t instanceof ProviderException p) {
            return p;
        }
        String host = hostOf(url);
        String cls = t.getClass().getName().toLowerCase(Locale.ROOT);
        String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (cls.contains("connecttimeout") || msg.contains("connection timed out")) {
            ProviderTimeoutException e = new ProviderTimeoutException(ProviderTimeoutException.Kind.CONNECT, connectTimeout,
                    "Connecting to " + host + " took longer than " + connectTimeout
                            + "; check the network or proxy, or raise connectTimeout");
            e.initCause(t);
            return e;
        }
        if (t instanceof java.util.concurrent.TimeoutException || cls.contains("timeout")) {
            ProviderTimeoutException e = new ProviderTimeoutException(ProviderTimeoutException.Kind.IDLE, idleTimeout,
                    host + " sent nothing for " + idleTimeout + "; the app may be overloaded or asleep, retry or raise idleTimeout");
            e.initCause(t);
            return e;
        }
        return new UpstreamConnectionException("Cannot talk to " + host + " (" + t.getClass().getSimpleName() + ": "
                + t.getMessage() + "); check the URL, the network and the proxy", t);
    }

    static ResponseStatusException status(String what, int status, String body, String url, String prefix) {
        String host = hostOf(url);
        String excerpt = ResponseStatusException.excerpt(body);
        return switch (status) {
            case 503 -> new RateLimitException(status, body, "The Gradio queue at " + host
                    + " is full or stopped (HTTP 503: " + excerpt + "); retry later with backoff or use another provider");
            case 429 -> new RateLimitException(status, body, host + " is rate limiting requests (HTTP 429); wait before retrying");
            case 422 -> new ResponseStatusException(status, body, "The app at " + host + " rejected the " + what
                    + " (HTTP 422: " + excerpt + "); check that data has one value per input, in the dependency's inputs order");
            case 404 -> new ResponseStatusException(status, body, "No " + what + " route at " + url + " (HTTP 404). "
                    + "Gradio 5 and 6 serve the queue under '/gradio_api', Gradio 4 at the root; the request used api_prefix '"
                    + prefix + "'. Take api_prefix from /config, or check the base URL");
            case 401, 403 -> new ResponseStatusException(status, body, host + " refused the " + what + " (HTTP " + status
                    + "): the Space is private or needs a login; set a bearer token (an HF token) with access to it");
            default -> new ResponseStatusException(status, body, "The " + what + " at " + host + " failed with HTTP "
                    + status + ": " + excerpt);
        };
    }
}
