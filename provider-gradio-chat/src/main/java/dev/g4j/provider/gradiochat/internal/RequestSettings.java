package dev.g4j.provider.gradiochat.internal;

import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Secret;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Gradio client settings of one request, read from its {@link ProviderOptions}: the token
 * ({@link ProviderOptions#apiKey()}, which also reads the parameter {@code bearerToken}; then the parameters
 * {@code hf_token} and {@code token}; then the spec's token variable), the proxy, the connect and idle limits, and
 * the parameter {@value #MAX_EVENT_BYTES_PARAM}.
 */
public final class RequestSettings {
    /** The option parameter that limits the size of one server event, in bytes. */
    public static final String MAX_EVENT_BYTES_PARAM = "maxEventBytes";

    private static final String[] TOKEN_PARAMS = {"hf_token", "token"};

    private RequestSettings() {
    }

    /**
     * The settings for one request.
     *
     * @param options     the request's options
     * @param tokenEnv    the environment variable holding the token, or null
     * @param environment reads environment variables
     * @param total       the limit for the whole call
     * @return the settings; no proxy means going direct
     * @throws IllegalArgumentException when {@value #MAX_EVENT_BYTES_PARAM} is not a whole number of bytes
     */
    public static GradioSettings of(ProviderOptions options, String tokenEnv, UnaryOperator<String> environment,
                                    Duration total) {
        GradioSettings.Builder b = GradioSettings.builder().connectTimeout(options.connectTimeout())
                .idleTimeout(options.idleTimeout()).totalTimeout(total);
        token(options, tokenEnv, environment).ifPresent(s -> b.bearerToken(s.reveal()));
        if (options.proxy().isPresent()) {
            b.proxy(options.proxy().get());
        } else {
            b.noProxy();
        }
        Integer max = maxEventBytes(options);
        if (max != null) {
            b.maxEventBytes(max);
        }
        return b.build();
    }

    /**
     * The token for a request.
     *
     * @param options     the request's options
     * @param tokenEnv    the environment variable holding the token, or null
     * @param environment reads environment variables
     * @return the token, or empty
     */
    public static Optional<Secret> token(ProviderOptions options, String tokenEnv, UnaryOperator<String> environment) {
        Optional<Secret> key = options.apiKey();
        if (key.isPresent()) {
            return key;
        }
        for (String name : TOKEN_PARAMS) {
            Object value = options.param(name).orElse(null);
            if (value != null && !value.toString().isBlank()) {
                return Optional.of(value instanceof Secret s ? s : Secret.of(value.toString()));
            }
        }
        String fromEnv = tokenEnv == null ? null : environment.apply(tokenEnv);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Secret.of(fromEnv));
    }

    private static Integer maxEventBytes(ProviderOptions options) {
        Object value = options.param(MAX_EVENT_BYTES_PARAM).orElse(null);
        if (value == null) {
            return null;
        }
        try {
            // exact: a Long beyond the int range or a fraction is refused, not truncated by Number.intValue()
            return new BigDecimal(value.toString().strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Parameter " + MAX_EVENT_BYTES_PARAM + " must be a whole number of bytes (at most "
                    + Integer.MAX_VALUE + "), got '" + value + "'", e);
        }
    }
}
