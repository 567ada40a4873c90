package dev.g4j.provider.openai.internal;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.util.concurrent.TimeUnit;

/** One Vert.x instance and HTTP client per provider, created on first use and released by {@link #close()}. */
public final class Transport implements AutoCloseable {
    private Vertx vertx;
    private HttpClient client;
    private boolean closed;

    /** Creates an idle transport; nothing is started until first use. */
    public Transport() {
    }

    /**
     * The Vert.x instance, started on first call.
     *
     * @return the instance
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized Vertx vertx() {
        if (closed) {
            throw new IllegalStateException("The provider is closed");
        }
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setUseDaemonThread(true));
        }
        return vertx;
    }

    /**
     * The HTTP client, created on first call. It never follows redirects by itself: requests set that per call.
     *
     * @return the client
     */
    public synchronized HttpClient client() {
        if (client == null) {
            HttpClientOptions o = new HttpClientOptions().setKeepAlive(true).setVerifyHost(true).setTrustAll(false)
                    .setDecompressionSupported(true);
            client = vertx().createHttpClient(o, new PoolOptions().setHttp1MaxSize(64));
        }
        return client;
    }

    /** Closes the client and the event loop; waits a little for them. Idempotent. */
    @Override
    public void close() {
        Vertx v;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            v = vertx;
            vertx = null;
            client = null;
        }
        if (v != null) {
            try {
                v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort
            }
        }
    }
}
