package dev.g4j.gradio.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal per-session cookie jar: keeps name=value pairs from {@code Set-Cookie} and sends them back. */
public final class CookieJar {
    private final Map<String, String> cookies = new LinkedHashMap<>();

    synchronized void store(List<String> setCookieHeaders) {
        for (String h : setCookieHeaders) {
            int semi = h.indexOf(';');
            String pair = (semi < 0 ? h : h.substring(0, semi)).strip();
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    synchronized String header() {
        if (cookies.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        cookies.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return sb.toString();
    }
}
