package dev.g4j.provider.openai.internal;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.util.concurrent.TimeUnit;

/**
 * A provider's handle on the Vert.x instance and HTTP client that every OpenAI-compatible provider shares: started
 * by the first provider that sends a request, closed when the last provider that used it closes. Ten presets and
 * a few configured servers then cost one event-loop group, not one each. Requests carry their own settings (proxy,
 * timeouts, key), so sharing the client mixes nothing.
 */
public final class Transport implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static Vertx sharedVertx;
    private static HttpClient sharedClient;
    private static int users;

    private boolean acquired;
    private boolean closed;

    /** Creates an idle handle; nothing is started until first use. */
    public Transport() {
    }

    /**
     * The shared Vert.x instance, started on first call.
     *
     * @return the instance
     * @throws IllegalStateException after {@link #close()}
     */
    public Vertx vertx() {
        synchronized (LOCK) {
            acquire();
            return sharedVertx;
        }
    }

    /**
     * The shared HTTP client, created on first call. It never follows redirects by itself: requests set that per call.
     *
     * @return the client
     * @throws IllegalStateException after {@link #close()}
     */
    public HttpClient client() {
        synchronized (LOCK) {
            acquire();
            if (sharedClient == null) {
                HttpClientOptions o = new HttpClientOptions().setKeepAlive(true).setVerifyHost(true).setTrustAll(false)
                        .setDecompressionSupported(true);
                sharedClient = sharedVertx.createHttpClient(o, new PoolOptions().setHttp1MaxSize(64));
            }
            return sharedClient;
        }
    }

    /**
     * How many providers hold the shared runtime now.
     *
     * @return the number of open transports that have been used
     */
    static int users() {
        synchronized (LOCK) {
            return users;
        }
    }

    private void acquire() {
        if (closed) {
            throw new IllegalStateException("The provider is closed");
        }
        if (!acquired) {
            acquired = true;
            users++;
        }
        if (sharedVertx == null) {
            sharedVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setUseDaemonThread(true));
        }
    }

    /** Releases the shared runtime; the last user closes it and waits a little for that. Idempotent. */
    @Override
    public void close() {
        Vertx last = null;
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            if (acquired && --users == 0) {
                last = sharedVertx;
                sharedVertx = null;
                sharedClient = null;
            }
        }
        if (last != null) {
            try {
                last.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: the threads are daemons
            }
        }
    }
}
