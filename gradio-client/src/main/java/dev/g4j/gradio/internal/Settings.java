package dev.g4j.gradio.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The effective settings of one request: the request's own, with the client's defaults filled in.
 *
 * @param token the bearer token, or null
 * @param proxy the proxy, or null to go direct
 * @param connect the connect limit
 * @param idle the silence limit
 * @param total the limit for the whole call
 * @param maxEventBytes the largest server event accepted
 */
public record Settings(String token, URI proxy, Duration connect, Duration idle, Duration total, int maxEventBytes) {
    /**
     * What separates cached per-app state (config, sessions, cookies): apps reached with another token or through
     * another proxy never share it.
     *
     * @param base the normalised base URL
     * @return the key
     */
    public AppKey appKey(String base) {
        return new AppKey(base, token, proxy);
    }

    /** Never shows the token or the proxy password. */
    @Override
    public String toString() {
        return "Settings[token=" + (token == null ? "none" : "***") + ", proxy=" + (proxy == null ? "none" : ProxySupport.mask(proxy))
                + ", connect=" + connect + ", idle=" + idle + ", total=" + total + ", maxEventBytes=" + maxEventBytes + "]";
    }

    /**
     * The identity of an app as reached with one set of credentials.
     *
     * @param base the normalised base URL
     * @param token the bearer token, or null
     * @param proxy the proxy, or null
     */
    public record AppKey(String base, String token, URI proxy) {
        /** Never shows the token. */
        @Override
        public String toString() {
            return "AppKey[" + base + ", token=" + (token == null ? "none" : "***") + ", proxy="
                    + (proxy == null ? "none" : ProxySupport.mask(proxy)) + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AppKey k && k.base.equals(base) && Objects.equals(k.token, token) && Objects.equals(k.proxy, proxy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(base, token, proxy);
        }
    }
}
