package dev.g4j.provider.qwen25;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;

import java.util.concurrent.TimeUnit;

/**
 * A reverse proxy for tests that forwards everything to a simulator except {@code GET /config}, which it answers with
 * a plain-text 500, like a Space whose configuration cannot be read.
 */
final class ConfigBreakingFront implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(1));
    private final HttpServer server;

    ConfigBreakingFront(int targetPort) throws Exception {
        HttpClient client = vertx.createHttpClient();
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/config")) {
                req.response().setStatusCode(500).putHeader("content-type", "text/plain").end("Internal Server Error");
                return;
            }
            req.pause();
            RequestOptions forward = new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(targetPort)
                    .setURI(req.uri()).setHeaders(req.headers());
            client.request(forward).compose(out -> out.send(req)).onSuccess(in -> {
                req.response().setStatusCode(in.statusCode()).headers().setAll(in.headers());
                in.pipeTo(req.response());
            }).onFailure(e -> req.response().setStatusCode(502).end());
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
