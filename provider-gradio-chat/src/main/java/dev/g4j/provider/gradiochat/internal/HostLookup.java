package dev.g4j.provider.gradiochat.internal;

import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamConnectionException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves Space ids to their hosts over HTTP ({@link SpaceHosts} holds the rules), as the official clients do,
 * and caches the answers. The answer's body is read up to {@link SpaceHosts#MAX_ANSWER_CHARS} bytes; redirects are
 * not followed. Thread-safe.
 */
public final class HostLookup {
    private final Map<URI, URI> hosts = new ConcurrentHashMap<>();

    /**
     * The host of a Space.
     *
     * @param endpoint the Hugging Face endpoint
     * @param spaceId  the Space id
     * @param settings the request's settings (token, proxy, connect and idle limits)
     * @return the app's base URL, or a failed future with a typed error
     */
    public CompletableFuture<URI> host(URI endpoint, String spaceId, GradioSettings settings) {
        URI lookup = SpaceHosts.hostLookup(endpoint, spaceId);
        URI cached = hosts.get(lookup);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        HttpClient.Builder cb = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.proxy() != null) {
            cb.proxy(ProxySelector.of(new InetSocketAddress(settings.proxy().getHost(), settings.proxy().getPort())));
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(lookup).timeout(settings.idleTimeout()).GET()
                .header("Accept", "application/json");
        if (settings.bearerToken() != null) {
            rb.header("Authorization", "Bearer " + settings.bearerToken());
        }
        return cb.build().sendAsync(rb.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(response -> {
                    String body = read(response.body(), spaceId);
                    if (response.statusCode() != 200) {
                        throw new ResponseStatusException(response.statusCode(), "",
                                SpaceHosts.lookupFailure(spaceId, response.statusCode()));
                    }
                    URI host = SpaceHosts.parseHost(spaceId, body);
                    hosts.put(lookup, host);
                    return host;
                })
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(translate(error, endpoint, spaceId)));
    }

    private static String read(InputStream in, String spaceId) {
        try (in) {
            byte[] bytes = in.readNBytes(SpaceHosts.MAX_ANSWER_CHARS + 1);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpstreamConnectionException("Reading the Hugging Face host lookup for Space " + spaceId
                    + " failed: " + e.getMessage() + "; check the network and retry", e);
        }
    }

    private static Throwable translate(Throwable error, URI endpoint, String spaceId) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RuntimeException && !(cause instanceof CompletionException)) {
            return cause;
        }
        String where = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new ProviderTimeoutException("The Hugging Face host lookup for Space " + spaceId + " at " + where
                    + " timed out; retry, or check the endpoint (" + SpaceHosts.ENDPOINT_VARIABLE + ")", cause);
        }
        return new UpstreamConnectionException("Cannot reach the Hugging Face endpoint " + where + " to find Space "
                + spaceId + " (" + cause.getClass().getSimpleName() + "); check the network, the proxy and "
                + SpaceHosts.ENDPOINT_VARIABLE, cause);
    }
}
