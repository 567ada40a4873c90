package dev.g4j.gradio.internal;

import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns a proxy URI ({@code http://user:pass@host:port}, {@code socks5://host:port}, …) into Vert.x options. */
final class ProxySupport {
    private ProxySupport() {
    }

    static ProxyType type(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> ProxyType.HTTP;
            case "socks4", "socks4a" -> ProxyType.SOCKS4;
            case "socks5", "socks5h" -> ProxyType.SOCKS5;
            default -> throw new IllegalArgumentException("Unsupported proxy scheme in '" + mask(uri)
                    + "'; use http://, socks4:// or socks5://, e.g. socks5://127.0.0.1:1080");
        };
    }

    static ProxyOptions options(URI uri) {
        ProxyOptions o = new ProxyOptions().setType(type(uri)).setHost(uri.getHost()).setPort(uri.getPort());
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            o.setUsername(decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                o.setPassword(decode(info.substring(colon + 1)));
            }
        }
        return o;
    }

    static String mask(URI uri) {
        return uri.getUserInfo() == null ? uri.toString()
                : uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
