package dev.g4j.gradio.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Argument checks and URL normalisation shared by the API builders. */
public final class Checks {
    private Checks() {
    }

    /**
     * The app origin without trailing slashes.
     *
     * @param baseUrl an absolute http or https URL
     * @return the normalised URL
     * @throws IllegalArgumentException for anything else
     */
    public static URI base(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        URI u = URI.create(s);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("Base URL '" + baseUrl
                    + "' must be an absolute http:// or https:// URL of the app, e.g. https://qwen-qwen2-5.hf.space");
        }
        return u;
    }

    /**
     * Checks a proxy URL.
     *
     * @param proxy the proxy
     * @return the same proxy
     * @throws IllegalArgumentException for an unsupported scheme or a missing host or port
     */
    public static URI proxy(URI proxy) {
        ProxySupport.type(proxy);
        if (proxy.getHost() == null || proxy.getPort() < 0) {
            throw new IllegalArgumentException("Proxy URL '" + ProxySupport.mask(proxy)
                    + "' needs a host and a port: scheme://[user:password@]host:port");
        }
        return proxy;
    }

    /**
     * A proxy URL without its password, for messages.
     *
     * @param proxy the proxy
     * @return the masked form
     */
    public static String maskProxy(URI proxy) {
        return ProxySupport.mask(proxy);
    }

    /**
     * Checks a duration.
     *
     * @param d the duration
     * @param name its name, for the message
     * @return the same duration
     * @throws IllegalArgumentException when null, zero or negative
     */
    public static Duration positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
        return d;
    }

    /**
     * Checks an event size limit.
     *
     * @param max the limit
     * @return the same limit
     * @throws IllegalArgumentException when below 1024
     */
    public static int maxEventBytes(int max) {
        if (max < 1024) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1024, got " + max);
        }
        return max;
    }
}
