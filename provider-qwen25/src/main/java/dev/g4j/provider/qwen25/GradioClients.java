package dev.g4j.provider.qwen25;

import dev.g4j.gradio.GradioClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provider's Gradio clients, one per distinct {@link ClientSettings}, all on one Vert.x instance: the host's,
 * or one created on first use with daemon threads (so it never keeps the JVM alive) and closed by {@link #close()}.
 * Thread-safe. After {@link #close()} the next request starts afresh.
 */
final class GradioClients implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GradioClients.class.getName());
    /** More distinct settings than this is unusual; the least recently used client is then closed. */
    private static final int MAX_CLIENTS = 16;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Vertx hostVertx;
    private final Map<ClientSettings, GradioClient> clients = new LinkedHashMap<>(16, 0.75f, true);
    private Vertx ownVertx;

    /** @param hostVertx a Vert.x owned by the host, never closed here; null to create one on first use */
    GradioClients(Vertx hostVertx) {
        this.hostVertx = hostVertx;
    }

    /** The client for {@code settings}, created on first use. */
    GradioClient get(ClientSettings settings) {
        GradioClient evicted = null;
        GradioClient client;
        synchronized (this) {
            client = clients.get(settings);
            if (client == null) {
                GradioClient.Builder builder = GradioClient.builder().vertx(vertx()).bearerToken(settings.bearerToken())
                        .proxy(settings.proxy()).connectTimeout(settings.connectTimeout()).idleTimeout(settings.idleTimeout());
                if (settings.maxEventBytes() != null) {
                    builder.maxEventBytes(settings.maxEventBytes());
                }
                client = builder.build();
                clients.put(settings, client);
                LOG.log(System.Logger.Level.DEBUG, "Created a Gradio client for {0}", settings);
                if (clients.size() > MAX_CLIENTS) {
                    Map.Entry<ClientSettings, GradioClient> eldest = clients.entrySet().iterator().next();
                    evicted = eldest.getValue();
                    clients.remove(eldest.getKey());
                }
            }
        }
        if (evicted != null) {
            evicted.close();
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

    /** Closes every client (and their open streams), then the Vert.x instance if it was created here. */
    @Override
    public void close() {
        List<GradioClient> toClose;
        Vertx vertx;
        synchronized (this) {
            toClose = new ArrayList<>(clients.values());
            clients.clear();
            vertx = ownVertx;
            ownVertx = null;
        }
        for (GradioClient c : toClose) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing a Gradio client failed", e);
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
