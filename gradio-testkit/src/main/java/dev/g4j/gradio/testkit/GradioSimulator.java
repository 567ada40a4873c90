package dev.g4j.gradio.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local Gradio Space on 127.0.0.1 that speaks the {@code sse_v3} queue protocol byte for byte like
 * Gradio 4.44.1 (or 5.9.1), for tests, demos and benchmarks. It serves {@code /config}, {@code /info},
 * {@code queue/join}, {@code queue/data}, {@code /cancel} and {@code /reset}, records the requests (a bounded history),
 * and injects {@link Fault faults} on demand.
 *
 * <pre>{@code
 * try (GradioSimulator sim = GradioSimulator.builder().app(SimulatedApp.qwen25()).start()) {
 *     String base = sim.baseUrl();
 *     sim.nextFaults(Fault.failAfter(2));
 * }
 * }</pre>
 *
 * <p>All server work runs on one Vert.x event loop; the methods of this class are thread-safe.
 *
 * <p>The history it keeps for inspection is bounded by {@link Builder#historyLimit(int)} (default
 * {@value #DEFAULT_HISTORY_LIMIT}): recorded requests, finished event summaries and stream closures each keep only the
 * newest entries, the oldest are dropped first. A simulator can therefore serve any number of streams.
 */
public final class GradioSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GradioSimulator.class.getName());
    /** The default number of requests, finished events and stream closures kept, each. */
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;

    private final Vertx vertx;
    private final HttpServer server;
    private final GradioMode mode;
    private final SimulatedApp app;
    private final FaultPlan defaultPlan;
    private final ConcurrentLinkedQueue<FaultPlan> nextPlans = new ConcurrentLinkedQueue<>();
    private volatile Function<JoinRequest, FaultPlan> selector;
    private final int historyLimit;
    private final BoundedLog<RecordedRequest> requests;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final BoundedLog<StreamClosure> closures;
    private final LinkedBlockingQueue<StreamClosure> unclaimedClientClosures;
    /** Guards {@link #finished} and {@link #waiting}. */
    private final Object eventLock = new Object();
    /** The newest finished events by id, in the order they ended. */
    private final LinkedHashMap<String, EventSummary> finished;
    /** The events someone waits for that have not ended yet; removed when they end or nobody waits any more. */
    private final HashMap<String, Waiters> waiting = new HashMap<>();
    private volatile String baseUrl;

    private GradioSimulator(Builder builder) {
        this.mode = builder.mode != null ? builder.mode : builder.app.defaultMode();
        this.app = builder.app;
        this.defaultPlan = builder.faults;
        this.historyLimit = builder.historyLimit;
        this.requests = new BoundedLog<>(historyLimit);
        this.closures = new BoundedLog<>(historyLimit);
        this.unclaimedClientClosures = new LinkedBlockingQueue<>(historyLimit);
        this.finished = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EventSummary> eldest) {
                return size() > historyLimit;
            }
        };
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setMaxEventLoopExecuteTime(60).setMaxEventLoopExecuteTimeUnit(
                        TimeUnit.SECONDS));
        QueueEngine engine = new QueueEngine(vertx, app, mode, builder.replyFunction, builder.tokenDelay,
                builder.heartbeatInterval, openStreams, this::eventEnded, this::streamClosed);
        HttpFront front = new HttpFront(mode, app, engine, () -> baseUrl, this::planFor, requests::add);
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(builder.port)
                .setTcpNoDelay(true)).requestHandler(front);
    }

    /** A builder with the defaults: Gradio 4, the Qwen 2.5 app, the echo reply, 5 ms token delay. */
    public static Builder builder() {
        return new Builder();
    }

    private GradioSimulator listen() {
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("cannot start the simulator", e);
        }
        baseUrl = "http://127.0.0.1:" + server.actualPort();
        LOG.log(System.Logger.Level.INFO, "Gradio simulator ({0}, {1}) listening on {2}", mode.version(),
                app.getClass().getSimpleName(), baseUrl);
        return this;
    }

    /** The origin, for example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The bound TCP port. */
    public int port() {
        return server.actualPort();
    }

    /** The simulated Gradio version line. */
    public GradioMode mode() {
        return mode;
    }

    /** The simulated app. */
    public SimulatedApp app() {
        return app;
    }

    /** The full URL of an API route, with the mode's prefix: {@code apiUrl("/queue/join")}. */
    public String apiUrl(String route) {
        return baseUrl + mode.apiPrefix() + route;
    }

    /** Queues a plan of faults, added to the default faults, for the next joined event only. */
    public void nextFaults(Fault... faults) {
        nextPlans.add(FaultPlan.of(faults));
    }

    /** Queues a plan, added to the default faults, for the next joined event only. */
    public void nextFaults(FaultPlan plan) {
        nextPlans.add(Objects.requireNonNull(plan, "plan"));
    }

    /**
     * Chooses the faults of every join that has no queued plan (added to the default faults); null
     * removes the selector. The selector runs on the server's event loop and must not block.
     */
    public void faultSelector(Function<JoinRequest, FaultPlan> selector) {
        this.selector = selector;
    }

    /** The requests received so far, in arrival order: the newest {@link Builder#historyLimit(int)} of them. */
    public List<RecordedRequest> requests() {
        return requests.snapshot();
    }

    /** The most entries of each kind of history this simulator keeps. */
    public int historyLimit() {
        return historyLimit;
    }

    /** The number of {@code queue/data} streams currently open. */
    public int openStreams() {
        return openStreams.get();
    }

    /**
     * The streams that closed before the server ended them, by the client or by a drop fault (the newest
     * {@link Builder#historyLimit(int)}).
     */
    public List<StreamClosure> streamClosures() {
        return closures.snapshot();
    }

    /** The streams the client closed before the server ended them (among {@link #streamClosures()}). */
    public List<StreamClosure> streamsClosedByClient() {
        return closures.snapshot().stream().filter(StreamClosure::byClient).toList();
    }

    /**
     * Waits for the next client disconnect not yet returned by this method. The returned closure lists
     * the events whose generators were stopped because of it. At most {@link Builder#historyLimit(int)} unclaimed
     * disconnects are kept, the oldest are dropped first.
     */
    public Optional<StreamClosure> awaitDisconnect(Duration timeout) {
        try {
            return Optional.ofNullable(unclaimedClientClosures.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Waits until the event ended on the server side (completed, failed, cancelled or stopped). An event that ended
     * so long ago that it left the history ({@link Builder#historyLimit(int)}) is not found: empty after the timeout.
     */
    public Optional<EventSummary> awaitEvent(String eventId, Duration timeout) {
        Objects.requireNonNull(eventId, "eventId");
        Waiters w;
        synchronized (eventLock) {
            EventSummary ended = finished.get(eventId);
            if (ended != null) {
                return Optional.of(ended);
            }
            w = waiting.computeIfAbsent(eventId, k -> new Waiters());
            w.count++;
        }
        try {
            return Optional.of(w.future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } finally {
            synchronized (eventLock) {
                if (--w.count == 0) {
                    waiting.remove(eventId, w);
                }
            }
        }
    }

    /** The events that have ended so far, in the order they ended: the newest {@link Builder#historyLimit(int)}. */
    public List<EventSummary> finishedEvents() {
        synchronized (eventLock) {
            return List.copyOf(finished.values());
        }
    }

    /** The number of events someone is waiting for in {@link #awaitEvent} (for tests of the bounded history). */
    int pendingWaits() {
        synchronized (eventLock) {
            return waiting.size();
        }
    }

    /** Stops the server and every generator, and closes open streams. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "simulator did not close cleanly", e);
        }
    }

    private FaultPlan planFor(JoinRequest join) {
        FaultPlan extra = nextPlans.poll();
        if (extra == null) {
            Function<JoinRequest, FaultPlan> current = selector;
            extra = current == null ? null : current.apply(join);
        }
        if (extra == null || extra.faults().isEmpty()) {
            return defaultPlan;
        }
        List<Fault> all = new ArrayList<>(defaultPlan.faults());
        all.addAll(extra.faults());
        return new FaultPlan(all);
    }

    private void eventEnded(EventSummary summary) {
        Waiters w;
        synchronized (eventLock) {
            finished.put(summary.eventId(), summary);
            w = waiting.remove(summary.eventId());
        }
        if (w != null) {
            w.future.complete(summary);
        }
    }

    private void streamClosed(StreamClosure closure) {
        closures.add(closure);
        if (closure.byClient()) {
            while (!unclaimedClientClosures.offer(closure)) {
                unclaimedClientClosures.poll();
            }
        }
    }

    /** The threads waiting for one event. */
    private static final class Waiters {
        final CompletableFuture<EventSummary> future = new CompletableFuture<>();
        int count;
    }

    /** A thread-safe list that keeps only its newest {@code limit} entries. */
    private static final class BoundedLog<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private final int limit;

        BoundedLog(int limit) {
            this.limit = limit;
        }

        synchronized boolean add(T item) {
            if (items.size() == limit) {
                items.pollFirst();
            }
            return items.add(item);
        }

        synchronized List<T> snapshot() {
            return List.copyOf(items);
        }
    }

    /** Configures and starts a {@link GradioSimulator}. */
    public static final class Builder {
        private GradioMode mode;
        private SimulatedApp app = SimulatedApp.qwen25();
        private ReplyFunction replyFunction = ReplyFunction.echo();
        private Duration tokenDelay = Duration.ofMillis(5);
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private FaultPlan faults = FaultPlan.none();
        private int port;
        private int historyLimit = DEFAULT_HISTORY_LIMIT;

        private Builder() {
        }

        /**
         * The most recorded requests, finished event summaries and stream closures kept, each (the oldest are dropped
         * first); default {@value GradioSimulator#DEFAULT_HISTORY_LIMIT}.
         */
        public Builder historyLimit(int historyLimit) {
            if (historyLimit < 1) {
                throw new IllegalArgumentException("historyLimit must be at least 1, got " + historyLimit);
            }
            this.historyLimit = historyLimit;
            return this;
        }

        /** The Gradio version line; default the app's {@link SimulatedApp#defaultMode()}. */
        public Builder mode(GradioMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The app; default {@link SimulatedApp#qwen25()}. */
        public Builder app(SimulatedApp app) {
            this.app = Objects.requireNonNull(app, "app");
            return this;
        }

        /** The tokens the chat function yields; default {@link ReplyFunction#echo()}. */
        public Builder replyFunction(ReplyFunction replyFunction) {
            this.replyFunction = Objects.requireNonNull(replyFunction, "replyFunction");
            return this;
        }

        /** The delay between two yields; default 5 ms, zero allowed. */
        public Builder tokenDelay(Duration tokenDelay) {
            if (tokenDelay.isNegative()) {
                throw new IllegalArgumentException("negative token delay");
            }
            this.tokenDelay = tokenDelay;
            return this;
        }

        /** The heartbeat interval; default 15 s like Gradio. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive");
            }
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** Faults applied to every joined event. */
        public Builder faults(Fault... faults) {
            this.faults = FaultPlan.of(faults);
            return this;
        }

        /** Faults applied to every joined event. */
        public Builder faults(FaultPlan plan) {
            this.faults = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /** The TCP port; default 0 (a free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Starts the simulator; returns once it is listening. */
        public GradioSimulator start() {
            return new GradioSimulator(this).listen();
        }
    }
}
