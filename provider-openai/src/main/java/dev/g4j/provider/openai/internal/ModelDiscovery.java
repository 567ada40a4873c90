package dev.g4j.provider.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamProtocolException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Lists a server's models with {@code GET {base}/models}, within a short time limit. */
public final class ModelDiscovery {
    /** The longest a discovery may take. */
    public static final Duration MAX_TIME = Duration.ofSeconds(5);
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDiscovery() {
    }

    /**
     * Lists the model ids the server reports ({@code data[].id}, or {@code models[].name} as some servers send).
     *
     * @param transport the provider's transport
     * @param endpoint the server
     * @param options proxy, base URL, key and timeouts (capped at {@link #MAX_TIME})
     * @param env reads environment variables
     * @return the ids in server order; fails with a typed {@link ProviderException}
     */
    public static CompletableFuture<List<String>> list(Transport transport, Endpoint endpoint, ProviderOptions options,
                                                       Function<String, String> env) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        String url = Requests.base(endpoint, options) + "/models";
        Credential credential = Credential.resolve(endpoint, options, env);
        Duration total = min(options.totalTimeout(), MAX_TIME);
        Duration connect = min(options.connectTimeout(), total);
        Vertx vertx;
        try {
            vertx = transport.vertx();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(total.toMillis(), t -> {
            if (result.completeExceptionally(new ProviderTimeoutException(ProviderTimeoutException.Kind.TOTAL, total,
                    "Listing the models of " + endpoint.name() + " took longer than " + total.toMillis() + " ms."))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        result.whenComplete((v, e) -> {
            vertx.cancelTimer(timer);
            if (result.isCancelled() && request.get() != null) {
                request.get().reset();
            }
        });
        transport.client().request(Requests.of(HttpMethod.GET, url, endpoint, options, credential, connect, "application/json"))
                .onFailure(e -> result.completeExceptionally(UpstreamErrors.forTransport(endpoint, url, e, connect, false)))
                .onSuccess(req -> {
                    request.set(req);
                    if (result.isDone()) {
                        req.reset();
                        return;
                    }
                    req.send().onFailure(e -> result.completeExceptionally(UpstreamErrors.forTransport(endpoint, url, e, connect, false)))
                            .onSuccess(res -> read(res, endpoint, credential, result));
                });
        return result;
    }

    private static void read(HttpClientResponse res, Endpoint endpoint, Credential credential,
                             CompletableFuture<List<String>> result) {
        int status = res.statusCode();
        BoundedBody body = new BoundedBody(status / 100 == 2 ? MAX_BODY : UpstreamErrors.MAX_ERROR_BODY);
        res.exceptionHandler(e -> result.completeExceptionally(UpstreamErrors.forTransport(endpoint, "models", e, Duration.ZERO, true)));
        res.handler(chunk -> {
            if (!body.append(chunk) && status / 100 == 2) {
                result.completeExceptionally(new UpstreamProtocolException("The model list of " + endpoint.name()
                        + " is larger than " + MAX_BODY + " bytes; g4j stopped reading it."));
                res.request().reset();
            }
        });
        res.endHandler(v -> {
            if (status == 404) {
                result.completeExceptionally(new ResponseStatusException(404, body.text(), endpoint.name()
                        + " has no model list at its base URL (HTTP 404). Check the base URL; it usually ends in /v1."));
            } else if (status / 100 != 2) {
                result.completeExceptionally(UpstreamErrors.forStatus(endpoint, status, res.headers(), body.text(),
                        credential.secret(), credential.source()));
            } else {
                try {
                    result.complete(parse(body.text(), endpoint.name()));
                } catch (ProviderException e) {
                    result.completeExceptionally(e);
                }
            }
        });
    }

    static List<String> parse(String body, String provider) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new UpstreamProtocolException(provider + " sent a model list that is not JSON.", e);
        }
        JsonNode data = root == null ? null : root.isArray() ? root : root.get("data");
        if (data == null || data.isNull()) {
            data = root == null ? null : root.get("models");
        }
        List<String> ids = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (JsonNode m : data) {
                String id = m.isTextual() ? m.asText() : m.path("id").asText(m.path("name").asText(""));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
