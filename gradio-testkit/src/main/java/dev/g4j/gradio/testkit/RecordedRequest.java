package dev.g4j.gradio.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the simulator received, recorded before it was handled.
 *
 * @param method  the HTTP method, for example {@code POST}
 * @param path    the path without the query string
 * @param query   the raw query string, or null when the URI had none
 * @param headers header values by lower-case name
 * @param body    the body as UTF-8 text, empty for requests without one
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body) {

    /** Copies the headers. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
