package dev.g4j.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.UUID;

/**
 * The baseline: the same join and the same {@code queue/data} stream, read by a bare Vert.x HTTP client (two event
 * loops and up to 256 connections per origin, like the g4j client) that discards the bytes after scanning them for
 * token stamps. No SSE parsing, no JSON, no diffs, no reactive plumbing.
 */
final class RawDrainDriver implements StreamDriver {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2)
            .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    private final HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
            .setConnectTimeout(30_000), new PoolOptions().setHttp1MaxSize(256));

    @Override
    public void start(String baseUrl, int tokens, LoadRun run) {
        String hash = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String join = "{\"data\":[\"Hello\",[],\"You are Qwen, created by Alibaba Cloud. You are a helpful assistant.\",\"72B\"],"
                + "\"event_data\":null,\"fn_index\":3,\"trigger_id\":25,\"session_hash\":\"" + hash + "\"}";
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(baseUrl + "/queue/join")
                        .putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(Buffer.buffer(join)))
                .compose(resp -> resp.body())
                .compose(b -> http.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setAbsoluteURI(baseUrl + "/queue/data?session_hash=" + hash).putHeader("Accept", "text/event-stream")))
                .compose(req -> req.send())
                .onSuccess(resp -> {
                    int[] received = new int[1];
                    boolean[] ended = new boolean[1];
                    StampScanner scanner = new StampScanner(tokens, stamp -> {
                        if (received[0]++ == 0) {
                            run.started();
                        }
                        run.token(stamp);
                    });
                    resp.handler(scanner::scan);
                    resp.exceptionHandler(t -> {
                        if (!ended[0]) {
                            ended[0] = true;
                            run.finished(String.valueOf(t));
                        }
                    });
                    resp.endHandler(v -> {
                        if (!ended[0]) {
                            ended[0] = true;
                            run.finished(scanner.found() == tokens ? null
                                    : "received " + scanner.found() + " of " + tokens + " tokens");
                        }
                    });
                })
                .onFailure(t -> run.finished(String.valueOf(t)));
    }

    @Override
    public void close() {
        http.close().eventually(vertx::close).toCompletionStage().toCompletableFuture()
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
