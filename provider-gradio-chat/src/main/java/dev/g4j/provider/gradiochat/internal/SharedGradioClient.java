package dev.g4j.provider.gradiochat.internal;

import dev.g4j.gradio.GradioClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.TimeUnit;

/**
 * The provider's one Gradio client, which serves every request's settings (token, proxy, timeouts, event size
 * limit travel with each request). It runs on the host's Vert.x, or on one created on first use with daemon threads
 * (so it never keeps the JVM alive) and closed by {@link #close()}. Thread-safe. After {@link #close()} the next
 * request starts afresh.
 */
public final class SharedGradioClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharedGradioClient.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Vertx hostVertx;
    private GradioClient client;
    private Vertx ownVertx;

    /**
     * Makes the holder; nothing starts yet.
     *
     * @param hostVertx a Vert.x owned by the host, never closed here; null to create one on first use
     */
    public SharedGradioClient(Vertx hostVertx) {
        this.hostVertx = hostVertx;
    }

    /**
     * The client, created on first use.
     *
     * @return the client
     */
    public synchronized GradioClient get() {
        if (client == null) {
            client = GradioClient.builder().vertx(vertx()).build();
        }
        return client;
    }

    private Vertx vertx() {
        if (hostVertx != null) {
            return hostVertx;
        }
        if (ownVertx == null) {
            ownVertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1));
        }
        return ownVertx;
    }

    /** Closes the client (failing its open calls), then the Vert.x instance if it was created here. */
    @Override
    public void close() {
        GradioClient c;
        Vertx vertx;
        synchronized (this) {
            c = client;
            client = null;
            vertx = ownVertx;
            ownVertx = null;
        }
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing the Gradio client failed", e);
            }
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(System.Logger.Level.WARNING, "Vert.x did not close within " + CLOSE_WAIT_SECONDS + " s", e);
            }
        }
    }
}
