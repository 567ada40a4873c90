package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.gradiochat.GradioChatSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The pure part of resolving an app reference to the app's base URL, the way Gradio's JavaScript client
 * does: a reference that looks like {@code owner/name} is a Space, whose host is asked from
 * {@code GET {endpoint}/api/spaces/owner/name/host} (answer {@code {"host": "https://…hf.space", …}}); any
 * other reference is a URL, {@code https} when it has no scheme. The Hugging Face endpoint is the spec's
 * option, else the {@value #ENDPOINT_VARIABLE} environment variable (as {@code huggingface_hub} reads it),
 * else {@code https://huggingface.co}.
 */
public final class SpaceHosts {

    /** The Hugging Face endpoint used when neither the option nor the variable is set. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    /** The environment variable that overrides the Hugging Face endpoint. */
    public static final String ENDPOINT_VARIABLE = "HF_ENDPOINT";
    /** The longest host-lookup answer read, in characters; the real one is well under 1 KiB. */
    public static final int MAX_ANSWER_CHARS = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SpaceHosts() {
    }

    /**
     * The Hugging Face endpoint to ask.
     *
     * @param configured the spec's option, if set
     * @param environment reads an environment variable ({@code System::getenv} in production)
     * @return the endpoint, without a trailing slash
     * @throws IllegalArgumentException when the variable is set to something that is not an http(s) URL
     */
    public static URI endpoint(Optional<URI> configured, UnaryOperator<String> environment) {
        if (configured.isPresent()) {
            return stripSlash(configured.get());
        }
        String value = environment.apply(ENDPOINT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_ENDPOINT;
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !isHttp(uri)) {
            throw new IllegalArgumentException("The " + ENDPOINT_VARIABLE + " environment variable must be an http "
                    + "or https URL such as https://huggingface.co; unset it or fix it");
        }
        return stripSlash(uri);
    }

    /**
     * The URL that answers a Space's host.
     *
     * @param endpoint the Hugging Face endpoint
     * @param spaceId  the Space id, {@code owner/name}
     * @return {@code {endpoint}/api/spaces/owner/name/host}
     * @throws IllegalArgumentException when {@code spaceId} is not a Space id
     */
    public static URI hostLookup(URI endpoint, String spaceId) {
        if (!GradioChatSpec.isSpaceId(spaceId)) {
            throw new IllegalArgumentException("'" + spaceId + "' is not a Space id (owner/name)");
        }
        return URI.create(stripSlash(endpoint) + "/api/spaces/" + spaceId.strip() + "/host");
    }

    /**
     * Reads the host from the lookup's answer.
     *
     * @param spaceId the Space id, for messages
     * @param body    the answer's body
     * @return the app's base URL
     * @throws UpstreamProtocolException when the answer is too long, not JSON, or has no http(s) {@code host}
     */
    public static URI parseHost(String spaceId, String body) {
        if (body == null || body.length() > MAX_ANSWER_CHARS) {
            throw new UpstreamProtocolException("The Hugging Face host lookup for Space " + spaceId + " answered "
                    + (body == null ? "nothing" : "more than " + MAX_ANSWER_CHARS + " characters")
                    + "; check the Hugging Face endpoint (" + ENDPOINT_VARIABLE + ")");
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        JsonNode host = answer == null ? null : answer.get("host");
        URI uri = null;
        if (host != null && host.isTextual()) {
            try {
                uri = new URI(host.textValue().strip());
            } catch (URISyntaxException e) {
                uri = null;
            }
        }
        if (uri == null || !isHttp(uri) || uri.getRawUserInfo() != null) {
            throw new UpstreamProtocolException("The Hugging Face host lookup for Space " + spaceId
                    + " answered without a usable \"host\" URL; check the Space id and the Hugging Face endpoint ("
                    + ENDPOINT_VARIABLE + ")");
        }
        return stripSlash(uri);
    }

    /**
     * What a failed host lookup means, for an error message.
     *
     * @param spaceId the Space id
     * @param status  the lookup's HTTP status
     * @return the message
     */
    public static String lookupFailure(String spaceId, int status) {
        if (status == 401 || status == 403 || status == 404) {
            return "Space " + spaceId + " was not found, or it is private (HTTP " + status + "); check the id, "
                    + "or give a Hugging Face token that can read it";
        }
        return "The Hugging Face host lookup for Space " + spaceId + " failed with HTTP " + status
                + "; try again later";
    }

    /**
     * The base URL of a reference that is not a Space id: trimmed, without a trailing slash, {@code https}
     * when it has no scheme.
     *
     * @param reference a URL such as {@code http://127.0.0.1:7860/} or {@code owner-name.hf.space}
     * @return the base URL
     * @throws IllegalArgumentException when the reference is not an http(s) URL
     */
    public static URI appUrl(String reference) {
        String r = reference == null ? "" : reference.strip();
        if (!r.isEmpty() && !r.contains("://")) {
            r = "https://" + r;
        }
        URI uri;
        try {
            uri = new URI(r);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !isHttp(uri) || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + reference + "' is neither a Space id (owner/name) nor an http(s) "
                    + "URL of a Gradio app such as http://127.0.0.1:7860");
        }
        return stripSlash(uri);
    }

    /**
     * The documented {@code https://<owner>-<name>.hf.space} form, lower-cased with {@code _} and {@code .} as
     * {@code -}. Only a guess for offline use: Hugging Face does not document the rule for special characters
     * or long names, so prefer {@link #hostLookup}.
     *
     * @param spaceId the Space id
     * @return the guessed base URL
     */
    public static URI guessedHost(String spaceId) {
        String sub = spaceId.strip().toLowerCase(Locale.ROOT).replace('/', '-').replace('_', '-').replace('.', '-');
        return URI.create("https://" + sub + ".hf.space");
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme();
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
