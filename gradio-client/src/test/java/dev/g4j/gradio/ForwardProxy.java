package dev.g4j.gradio;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP proxy for tests: forwards absolute-URI requests (plain-HTTP proxying) and tunnels CONNECT. Records
 * each request line and its {@code Proxy-Authorization} header.
 */
final class ForwardProxy implements AutoCloseable {
    final Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(1));
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpClient client = vertx.createHttpClient();
    private final NetClient net = vertx.createNetClient();

    ForwardProxy() throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> {
            seen.add(req.method() + " " + req.uri());
            String pa = req.getHeader("Proxy-Authorization");
            auth.add(pa == null ? "" : pa);
            if (req.method() == HttpMethod.CONNECT) {
                String[] hp = req.uri().split(":");
                req.pause();
                net.connect(Integer.parseInt(hp[1]), hp[0]).onComplete(ar -> {
                    if (ar.failed()) {
                        req.response().setStatusCode(502).end();
                        return;
                    }
                    req.toNetSocket().onSuccess(in -> {
                        in.pipeTo(ar.result());
                        ar.result().pipeTo(in);
                    });
                });
                return;
            }
            RequestOptions o = new RequestOptions().setMethod(req.method()).setAbsoluteURI(req.uri());
            req.headers().forEach(h -> {
                if (!h.getKey().toLowerCase().startsWith("proxy-")) {
                    o.addHeader(h.getKey(), h.getValue());
                }
            });
            req.body().compose(b -> client.request(o).compose(up -> up.send(b))).onComplete(ar -> {
                if (ar.failed()) {
                    req.response().setStatusCode(502).end(req.uri() + " " + ar.cause());
                    return;
                }
                var up = ar.result();
                var down = req.response().setStatusCode(up.statusCode());
                up.headers().forEach(h -> {
                    if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                        down.putHeader(h.getKey(), h.getValue());
                    }
                });
                down.setChunked(true);
                up.pipeTo(down);
            });
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
