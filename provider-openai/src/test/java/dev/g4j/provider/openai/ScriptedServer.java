package dev.g4j.provider.openai;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.TimeUnit;

/** A loopback HTTP server whose every answer a test writes by hand, for hostile behaviour the simulator lacks. */
final class ScriptedServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    ScriptedServer(Handler<HttpServerRequest> handler) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(handler).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
