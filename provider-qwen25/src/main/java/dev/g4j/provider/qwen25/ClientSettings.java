package dev.g4j.provider.qwen25;

import dev.g4j.provider.api.ProviderOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings a {@link dev.g4j.gradio.GradioClient} fixes for all its requests, including the {@code /config}
 * fetch: requests that differ in any of them need different clients.
 *
 * @param bearerToken the HF token, or null
 * @param proxy the proxy, or null
 * @param connectTimeout the connect limit
 * @param idleTimeout the silence limit
 */
record ClientSettings(String bearerToken, URI proxy, Duration connectTimeout, Duration idleTimeout) {
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
        return new ClientSettings(token, options.proxy().orElse(null), options.connectTimeout(), options.idleTimeout());
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ClientSettings[token=" + (bearerToken == null ? "none" : "***") + ", proxy=" + (proxy == null ? "none" : proxy.getHost())
                + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSettings s && Objects.equals(s.bearerToken, bearerToken) && Objects.equals(s.proxy, proxy)
                && s.connectTimeout.equals(connectTimeout) && s.idleTimeout.equals(idleTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bearerToken, proxy, connectTimeout, idleTimeout);
    }
}
