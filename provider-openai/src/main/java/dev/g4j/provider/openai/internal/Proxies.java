package dev.g4j.provider.openai.internal;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns a proxy URL of {@link dev.g4j.provider.api.ProviderOptions#proxy()} into Vert.x proxy options. */
final class Proxies {
    private Proxies() {
    }

    static ProxyOptions options(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ProxyType type = switch (scheme) {
            case "http", "https" -> ProxyType.HTTP;
            case "socks4", "socks4a" -> ProxyType.SOCKS4;
            case "socks5", "socks5h" -> ProxyType.SOCKS5;
            default -> throw new IllegalArgumentException("Unsupported proxy scheme '" + scheme
                    + "'; use http://, socks4:// or socks5://");
        };
        ProxyOptions o = new ProxyOptions().setType(type).setHost(uri.getHost()).setPort(uri.getPort());
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            o.setUsername(URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8));
            if (colon >= 0) {
                o.setPassword(URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8));
            }
        }
        return o;
    }
}
