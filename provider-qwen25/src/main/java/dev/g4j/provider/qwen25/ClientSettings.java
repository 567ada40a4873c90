package dev.g4j.provider.qwen25;

import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.ProviderOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The connection settings of one request, read from its {@link ProviderOptions}; they travel with the request
 * to the shared {@link dev.g4j.gradio.GradioClient} as {@link GradioSettings}.
 *
 * @param bearerToken the HF token, or null
 * @param proxy the proxy, or null
 * @param connectTimeout the connect limit
 * @param idleTimeout the silence limit
 * @param maxEventBytes the largest SSE event accepted, or null for the Gradio client's default
 */
record ClientSettings(String bearerToken, URI proxy, Duration connectTimeout, Duration idleTimeout, Integer maxEventBytes) {
    /** The option parameter that limits the size of one SSE event, in bytes. */
    static final String MAX_EVENT_BYTES_PARAM = "maxEventBytes";

    /** The option parameters that carry a bearer token, in order of preference. */
    static final String[] TOKEN_PARAMS = {"bearerToken", "hf_token", "token"};

    static ClientSettings of(ProviderOptions options) {
        String token = null;
        for (String name : TOKEN_PARAMS) {
            Object value = options.param(name).orElse(null);
            if (value != null && !value.toString().isBlank()) {
                token = value.toString().strip();
                break;
            }
        }
        return new ClientSettings(token, options.proxy().orElse(null), options.connectTimeout(), options.idleTimeout(),
                maxEventBytes(options));
    }

    /**
     * The Gradio client's settings for a request with these settings.
     *
     * @param totalTimeout the limit for the whole call
     * @return the settings; no proxy means going direct
     */
    GradioSettings gradio(java.time.Duration totalTimeout) {
        GradioSettings.Builder b = GradioSettings.builder().bearerToken(bearerToken).connectTimeout(connectTimeout)
                .idleTimeout(idleTimeout).totalTimeout(totalTimeout);
        if (proxy != null) {
            b.proxy(proxy);
        } else {
            b.noProxy();
        }
        if (maxEventBytes != null) {
            b.maxEventBytes(maxEventBytes);
        }
        return b.build();
    }

    private static Integer maxEventBytes(ProviderOptions options) {
        Object value = options.param(MAX_EVENT_BYTES_PARAM).orElse(null);
        if (value == null) {
            return null;
        }
        try {
            // exact: a Long beyond the int range or a fraction is refused, not truncated by Number.intValue()
            return new java.math.BigDecimal(value.toString().strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Parameter " + MAX_EVENT_BYTES_PARAM + " must be a whole number of bytes (at most "
                    + Integer.MAX_VALUE + "), got '" + value + "'", e);
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ClientSettings[token=" + (bearerToken == null ? "none" : "***") + ", proxy=" + (proxy == null ? "none" : proxy.getHost())
                + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout + ", maxEventBytes=" + maxEventBytes + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSettings s && Objects.equals(s.bearerToken, bearerToken) && Objects.equals(s.proxy, proxy)
                && s.connectTimeout.equals(connectTimeout) && s.idleTimeout.equals(idleTimeout)
                && Objects.equals(s.maxEventBytes, maxEventBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bearerToken, proxy, connectTimeout, idleTimeout, maxEventBytes);
    }
}
