package dev.g4j.provider.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.Redaction;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.api.UpstreamConnectionException;
import io.vertx.core.MultiMap;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Turns HTTP failures and transport errors into typed, explained {@link ProviderException}s. Keys never show. */
public final class UpstreamErrors {
    /** The most of an error body that is read. */
    public static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_MESSAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamErrors() {
    }

    /** Where the key came from, for messages that must say how to fix it. */
    static String keySourceHint(Endpoint endpoint, KeySource source) {
        return switch (source) {
            case OPTIONS -> "the API key given in ProviderOptions";
            case ENDPOINT, ENVIRONMENT -> endpoint.apiKeyEnv() == null ? "the configured API key" : endpoint.apiKeyEnv();
            case NONE -> "none";
        };
    }

    /** Where the key sent came from. */
    enum KeySource { OPTIONS, ENDPOINT, ENVIRONMENT, NONE }

    /**
     * The exception for an HTTP error status (404 is handled by the caller, which may list the models).
     *
     * @param endpoint the server
     * @param status the status
     * @param headers the response headers
     * @param body the start of the body
     * @param key the key that was sent, to be masked, or null
     * @param source where it came from
     * @return the exception
     */
    static ProviderException forStatus(Endpoint endpoint, int status, MultiMap headers, String body, Secret key,
                                       KeySource source) {
        String detail = serverMessage(body, key);
        String said = detail.isEmpty() ? "" : ": " + detail;
        String masked = mask(body, key);
        if (status == 401 || status == 403) {
            String how = source == KeySource.NONE
                    ? (endpoint.apiKeyEnv() == null
                        ? " It needs an API key: add \"apiKeyEnv\" to its providers-file entry, or pass ProviderOptions.apiKey."
                        : " It needs an API key: set " + endpoint.apiKeyEnv() + ".")
                    : " The key sent came from " + keySourceHint(endpoint, source) + "; check that it is valid and allowed to use this model.";
            return new ResponseStatusException(status, masked, endpoint.name() + " refused the request (HTTP " + status
                    + (status == 401 ? " Unauthorized" : " Forbidden") + said + ")." + how);
        }
        if (status == 429 || status == 503) {
            Duration wait = retryAfter(headers);
            String when = wait == null ? " Try again later or use another provider."
                    : " It asks to wait " + wait.toSeconds() + " s before trying again.";
            String what = status == 429 ? "is rate limiting this client" : "is overloaded";
            return new RateLimitException(status, masked, endpoint.name() + " " + what + " (HTTP " + status + said + ")." + when, wait);
        }
        if (status >= 500) {
            return new ResponseStatusException(status, masked, endpoint.name() + " failed on its side (HTTP " + status + said
                    + "). Try again later or use another provider.");
        }
        if (status >= 300 && status < 400) {
            String location = headers.get("location");
            return new ResponseStatusException(status, "", endpoint.name() + " answered with a redirect (HTTP " + status
                    + (location == null ? "" : " to " + shortUrl(location)) + "). g4j does not follow redirects, so the "
                    + "API key never reaches another host: set the base URL to the final address.");
        }
        if (looksLikeModelNotFound(detail)) {
            return new ModelNotFoundException(endpoint.name() + " does not serve the requested model (HTTP " + status + said + ").");
        }
        return new ResponseStatusException(status, masked, endpoint.name() + " rejected the request (HTTP " + status + said
                + "). Check the model name and the parameters.");
    }

    /**
     * Whether a server's message says the model is unknown.
     *
     * @param message the server's message
     * @return true for "model not found" and its variants
     */
    static boolean looksLikeModelNotFound(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("model_not_found") || m.contains("model not found")
                || (m.contains("model") && (m.contains("does not exist") || m.contains("not found")));
    }

    /**
     * The 404 answer for a chat request.
     *
     * @param endpoint the server
     * @param model the model asked for
     * @param body the start of the body
     * @param key the key to mask
     * @param served the server's models when it listed them, else null
     * @return the exception
     */
    static ProviderException modelNotFound(Endpoint endpoint, String model, String body, Secret key, List<String> served) {
        String detail = serverMessage(body, key);
        StringBuilder sb = new StringBuilder(endpoint.name()).append(" does not serve model '").append(model)
                .append("' (HTTP 404").append(detail.isEmpty() ? "" : ": " + detail).append(").");
        if (served != null) {
            if (served.isEmpty()) {
                sb.append(" The server lists no model; load or pull one first");
                if (endpoint.name().equalsIgnoreCase("Ollama")) {
                    sb.append(" (`ollama pull ").append(model).append("`)");
                }
                sb.append('.');
            } else {
                List<String> shown = served.size() > 20 ? served.subList(0, 20) : served;
                sb.append(" It serves: ").append(String.join(", ", shown)).append(served.size() > 20 ? ", …" : "").append('.');
                dev.g4j.provider.api.ModelNames.closest(model, served)
                        .ifPresent(c -> sb.append(" Did you mean '").append(c).append("'?"));
            }
        } else if (endpoint.name().equalsIgnoreCase("Ollama")) {
            sb.append(" Pull it with `ollama pull ").append(model).append("`.");
        }
        return new ModelNotFoundException(sb.toString());
    }

    /**
     * The exception for a failure to connect or a broken connection.
     *
     * @param endpoint the server
     * @param url the URL being reached
     * @param error the transport error
     * @param connectTimeout the connect limit
     * @param afterStart whether part of the answer had arrived
     * @return the exception
     */
    static ProviderException forTransport(Endpoint endpoint, String url, Throwable error, Duration connectTimeout, boolean afterStart) {
        String where = shortUrl(url);
        if (error instanceof ProviderException) {
            return (ProviderException) error;
        }
        String kind = error.getClass().getSimpleName();
        String msg = error.getMessage() == null ? kind : error.getMessage();
        if (!afterStart && (kind.contains("ConnectTimeout") || msg.toLowerCase(Locale.ROOT).contains("connection timed out"))) {
            return new ProviderTimeoutException(ProviderTimeoutException.Kind.CONNECT, connectTimeout,
                    "Could not connect to " + endpoint.name() + " at " + where + " within " + connectTimeout.toMillis()
                            + " ms. Check the address and the network, or raise the connect timeout.");
        }
        if (afterStart) {
            return new UpstreamConnectionException("The connection to " + endpoint.name() + " at " + where
                    + " broke before the answer was complete (" + Redaction.maskUserInfo(msg) + "). Try again.", error);
        }
        if (error instanceof ConnectException || msg.toLowerCase(Locale.ROOT).contains("connection refused")) {
            String advice = endpoint.local()
                    ? " Is " + endpoint.name() + " running?" + (endpoint.startAdvice() == null ? "" : " " + endpoint.startAdvice() + ".")
                    + " Or point it elsewhere with a base URL."
                    : " Check the base URL and the network, or set a proxy.";
            return new UpstreamConnectionException("Cannot connect to " + endpoint.name() + " at " + where
                    + " (connection refused)." + advice, error);
        }
        if (error instanceof UnknownHostException) {
            return new UpstreamConnectionException("Cannot resolve the host of " + endpoint.name() + " at " + where
                    + ". Check the base URL and your DNS, or set a proxy.", error);
        }
        return new UpstreamConnectionException("Cannot reach " + endpoint.name() + " at " + where + " ("
                + Redaction.maskUserInfo(msg) + "). Check the base URL, the network or the proxy.", error);
    }

    /**
     * The wait a 429 or 503 asks for: {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date.
     *
     * @param headers the response headers
     * @return the wait, or null when none is given or it cannot be read
     */
    public static Duration retryAfter(MultiMap headers) {
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                double v = Double.parseDouble(ms.strip());
                if (v >= 0 && v < 1e12) {
                    return Duration.ofMillis((long) v);
                }
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        return parseRetryAfter(headers.get("retry-after"), Instant.now());
    }

    /**
     * Reads a {@code Retry-After} value.
     *
     * @param value seconds (fractions allowed) or an HTTP date, or null
     * @param now the current time, for dates
     * @return the wait, zero for a date in the past, or null when the value is missing or unreadable
     */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 || seconds > 1e9 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            // maybe a date
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The human part of an error body: {@code error.message}, a string {@code error}, {@code message} or
     * {@code detail}, else the start of the text; bounded, one line, with the key masked.
     *
     * @param body the body, may be null
     * @param key the key to mask, or null
     * @return the message, possibly empty
     */
    static String serverMessage(String body, Secret key) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = null;
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.get("error");
                if (error != null && error.isObject()) {
                    text = error.path("message").asText(null);
                    if (text == null || text.isEmpty()) {
                        text = error.toString();
                    }
                } else if (error != null && error.isTextual()) {
                    text = error.asText();
                } else if (root.path("message").isTextual()) {
                    text = root.get("message").asText();
                } else if (root.path("detail").isTextual()) {
                    text = root.get("detail").asText();
                }
            }
        } catch (Exception e) {
            text = null;
        }
        if (text == null) {
            text = body;
        }
        return oneLine(mask(text, key));
    }

    /**
     * Replaces the key, when it appears, with {@code ***}, and masks credentials in URLs.
     *
     * @param text any text, may be null
     * @param key the key, or null
     * @return the masked text
     */
    static String mask(String text, Secret key) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (key != null && key.reveal().length() >= 4) {
            out = out.replace(key.reveal(), "***");
        }
        return Redaction.maskUserInfo(out);
    }

    /** Bounded and without control characters (no terminal escapes from a hostile server). */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_MESSAGE + 1));
        for (int i = 0; i < text.length() && sb.length() < MAX_MESSAGE; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        String s = sb.toString().strip();
        return text.length() > MAX_MESSAGE ? s + "…" : s;
    }

    /** scheme://host[:port]/path, without user-info or query, for messages. */
    static String shortUrl(String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getHost() == null) {
                return oneLine(Redaction.maskUserInfo(url));
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (RuntimeException e) {
            return oneLine(Redaction.maskUserInfo(url));
        }
    }
}
