package dev.g4j.provider.gradiochat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helper: a loopback HTTP server answering fixed JSON per path (404 elsewhere), such as a fake Hugging Face. */
final class JsonRoutes implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setUseDaemonThread(true));
    private final HttpServer server;

    JsonRoutes(Map<String, String> routes) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            String body = routes.get(request.path());
            request.response().setStatusCode(body == null ? 404 : 200).putHeader("Content-Type", "application/json")
                    .end(body == null ? "{\"error\":\"Repository not found\"}" : body);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
