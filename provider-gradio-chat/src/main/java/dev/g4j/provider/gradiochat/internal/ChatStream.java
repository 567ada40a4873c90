package dev.g4j.provider.gradiochat.internal;

import dev.g4j.gradio.GradioCall;
import dev.g4j.gradio.GradioClient;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioRequest;
import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.api.flow.ChunkEmitter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One answer of a Gradio chat app, as a cold publisher of {@link ResponseChunk}s: on subscription it emits
 * {@link ResponseChunk.ProviderInfo}, locates the app and its chat endpoint (a {@link Resolver}), submits the call
 * and translates its {@link GradioEvent}s.
 *
 * <p>Upstream events are read one at a time while fewer than {@value #MAX_READ_AHEAD} chunks wait for the
 * subscriber, and cancellation passes through to the {@link GradioCall}. While the subscriber is behind, consecutive
 * text deltas merge into one waiting {@link ResponseChunk.Text}, so a slow consumer receives fewer, larger chunks
 * and the app's stream keeps flowing; text is never merged across any other chunk, and nothing is reordered.
 */
public final class ChatStream implements Flow.Publisher<ResponseChunk> {
    private static final System.Logger LOG = System.getLogger(ChatStream.class.getName());
    /**
     * The stream reads upstream events ahead only while fewer chunks than this wait for the subscriber: text
     * merges into one waiting chunk, but status chunks (queue, notices, replacements) each take a place, so memory
     * stays bounded whatever the app sends.
     */
    private static final int MAX_READ_AHEAD = 16;

    /** Locates the app and its chat endpoint, and lays out the request. */
    @FunctionalInterface
    public interface Resolver {
        /**
         * Resolves the request.
         *
         * @param client   the Gradio client
         * @param settings the request's settings (token, proxy, timeouts)
         * @return the plan, or a failed future
         */
        CompletableFuture<ChatPlan> resolve(GradioClient client, GradioSettings settings);
    }

    private final String providerName;
    private final String label;
    private final String model;
    private final String app;
    private final Messages messages;
    private final GradioSettings settings;
    private final SharedGradioClient clients;
    private final Resolver resolver;

    /**
     * Describes one answer; nothing happens until a subscriber subscribes.
     *
     * @param providerName the provider's name, for {@link ResponseChunk.ProviderInfo}
     * @param label        the provider's label, for messages
     * @param model        the model, for {@link ResponseChunk.ProviderInfo} and messages; may be empty
     * @param app          the app's host or Space id, for messages
     * @param messages     the conversation (for the history notice)
     * @param settings     the request's settings, with the whole request's total limit
     * @param clients      the shared Gradio client
     * @param resolver     locates the app and its endpoint
     */
    public ChatStream(String providerName, String label, String model, String app, Messages messages,
                      GradioSettings settings, SharedGradioClient clients, Resolver resolver) {
        this.providerName = providerName;
        this.label = label;
        this.model = model;
        this.app = app;
        this.messages = messages;
        this.settings = settings;
        this.clients = clients;
        this.resolver = resolver;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        Bridge bridge = new Bridge();
        ChunkEmitter<ResponseChunk> emitter = new ChunkEmitter<>(subscriber, bridge);
        bridge.emitter = emitter;
        emitter.start();
        emitter.emit(ResponseChunk.providerInfo(providerName, model));
        if (emitter.isDone()) {
            return;
        }
        long started = System.nanoTime();
        GradioClient client;
        CompletableFuture<ChatPlan> plan;
        try {
            client = clients.get();
            plan = resolver.resolve(client, settings);
        } catch (RuntimeException e) {
            emitter.fail(GradioFailures.map(e, app, label, model));
            return;
        }
        plan.whenComplete((p, error) -> {
            if (error != null) {
                emitter.fail(GradioFailures.map(error, app, label, model));
            } else if (!emitter.isDone()) {
                LOG.log(System.Logger.Level.DEBUG, "{0} chat request: {1}", providerName, p);
                bridge.start(client, p, started);
            }
        });
    }

    /** Connects the emitter (downstream) to the Gradio call (upstream). */
    private final class Bridge implements ChunkEmitter.Listener, Flow.Subscriber<GradioEvent> {
        private volatile ChunkEmitter<ResponseChunk> emitter;
        private volatile Flow.Subscription upstream;
        /** An upstream item is requested and not yet received; guarded by this, as every caller holds it. */
        private boolean upstreamRequested;
        /**
         * Text waiting for the subscriber, guarded by this: a lone delta is held as its chunk ({@code held}), and only
         * a second one while the subscriber is behind copies them into {@code pending}; at most one is non-empty.
         */
        private ResponseChunk.Text held;
        private final StringBuilder pending = new StringBuilder();
        /** A list for the chunks of one upstream item, reused from one onNext to the next. */
        private List<ResponseChunk> spare = new ArrayList<>(4);
        private ReplyTracker tracker;
        private boolean completed;
        private volatile GradioClient client;
        private volatile ChatPlan plan;

        void start(GradioClient client, ChatPlan plan, long started) {
            this.client = client;
            this.plan = plan;
            tracker = new ReplyTracker(plan.spec().format(), plan.spec().chatbotOutput());
            JoinData.historyNotice(plan.spec(), messages).ifPresent(n -> emitter.emit(new ResponseChunk.Notice("info", n)));
            // the total limit runs from subscription: locating the app used part of it
            Duration total = settings.totalTimeout();
            Duration left = total.minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                emitter.fail(new ProviderTimeoutException(ProviderTimeoutException.Kind.TOTAL, total, "The " + label
                        + " request to " + app + " did not finish within " + total + "; retry, or raise totalTimeout"));
                return;
            }
            GradioRequest request = GradioRequest.builder(plan.baseUrl(), plan.endpoint()).data(plan.data())
                    .settings(settings.toBuilder().totalTimeout(left).build()).build();
            try {
                client.submit(request).subscribe(this);
            } catch (RuntimeException e) {
                emitter.fail(GradioFailures.map(e, app, label, model));
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (emitter.isDone()) {
                subscription.cancel();
            } else {
                synchronized (this) {
                    requestUpstream();
                }
                emitter.drain();
            }
        }

        @Override
        public synchronized void onReady() {
            if (hasPending()) {
                flushPending();
            } else {
                requestUpstream();
            }
        }

        @Override
        public void onStop() {
            Flow.Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
        }

        private void requestUpstream() {
            Flow.Subscription s = upstream;
            if (s != null && !completed && !upstreamRequested) {
                upstreamRequested = true;
                s.request(1);
            }
        }

        private boolean hasPending() {
            return held != null || pending.length() > 0;
        }

        private void addPending(ResponseChunk.Text text) {
            if (held == null && pending.length() == 0) {
                held = text;
                return;
            }
            if (held != null) {
                pending.append(held.text());
                held = null;
            }
            pending.append(text.text());
        }

        private boolean flushPending() {
            ResponseChunk.Text chunk = held;
            if (chunk != null) {
                held = null;
            } else if (pending.length() > 0) {
                chunk = ResponseChunk.text(pending.toString());
                pending.setLength(0);
            } else {
                return false;
            }
            return emitter.emit(chunk);
        }

        @Override
        public synchronized void onNext(GradioEvent event) {
            List<ResponseChunk> out = spare;
            spare = null; // a re-entrant call (never made by a rule-abiding publisher) takes a list of its own
            if (out == null) {
                out = new ArrayList<>(4);
            }
            // the event's output view stays valid only until the next request, so read it before allowing one
            Throwable failure = translate(event, out);
            upstreamRequested = false;
            boolean emitted = false;
            for (int i = 0, n = out.size(); i < n; i++) {
                ResponseChunk chunk = out.get(i);
                if (chunk instanceof ResponseChunk.Text t) {
                    addPending(t);
                } else {
                    flushPending();
                    emitted |= emitter.emit(chunk);
                }
            }
            out.clear();
            spare = out;
            if (failure != null) {
                flushPending();
                emitter.fail(failure);
                return;
            }
            if (hasPending() && emitter.demand() > emitter.buffered()) {
                emitted |= flushPending();
            }
            if (emitter.buffered() < MAX_READ_AHEAD) {
                // read on while little waits: when the subscriber is behind, the next deltas merge into the text
                // already waiting, and the socket keeps flowing
                requestUpstream();
            }
            if (!emitted) {
                // re-arms the emitter, so a request arriving meanwhile flushes waiting text in onReady
                emitter.drain();
            }
        }

        private Throwable translate(GradioEvent event, List<ResponseChunk> out) {
            if (event instanceof GradioEvent.Queued q) {
                if (q.rank() != null) {
                    out.add(ResponseChunk.queueStatus(q.rank(), q.queueSize() == null ? -1 : q.queueSize(), q.etaSeconds()));
                }
            } else if (event instanceof GradioEvent.Log log) {
                out.add(new ResponseChunk.Notice(log.level() == null ? "info" : log.level(), String.valueOf(log.message())));
            } else if (event instanceof GradioEvent.Generating g) {
                tracker.onGenerating(g.outputs(), g.changes(), out);
            } else if (event instanceof GradioEvent.Completed c) {
                completed = true;
                if (c.hasData()) {
                    var problem = tracker.onCompleted(c.outputs(), out);
                    if (problem.isPresent()) {
                        return new UpstreamProtocolException(label + " (" + app + "): " + problem.get());
                    }
                }
                // without data the event was cancelled on the server (POST /cancel), not finished
                out.add(ResponseChunk.finish(c.hasData() ? "stop" : "cancelled"));
            }
            return null;
        }

        @Override
        public synchronized void onError(Throwable throwable) {
            Throwable cause = GradioFailures.unwrap(throwable);
            if (cause instanceof ResponseStatusException && !(cause instanceof RateLimitException) && plan != null) {
                // a redeployed app may have new ids: read /config again next time
                client.invalidateConfig(plan.baseUrl());
            }
            flushPending();
            emitter.fail(GradioFailures.map(cause, app, label, model));
        }

        @Override
        public synchronized void onComplete() {
            flushPending();
            emitter.complete();
        }
    }
}
