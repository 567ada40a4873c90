package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.g4j.gradio.GradioDependency;
import dev.g4j.gradio.GradioEndpoint;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioException;
import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.GradioRequest;
import dev.g4j.gradio.GradioStatusException;
import dev.g4j.gradio.GradioTimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;

/**
 * The life of one submitted call: resolve the endpoint, join, receive its messages from the session, turn
 * them into {@link GradioEvent}s as the subscriber asks for them, and end with exactly one terminal signal.
 *
 * <p>Messages are converted lazily, at delivery: so the live {@link dev.g4j.gradio.OutputState} of a delivered
 * {@link GradioEvent.Generating} reflects exactly that message. Every field is confined to the session's context;
 * {@link #request} and {@link #cancel} hop onto it.
 */
public final class CallState implements Flow.Subscription {
    private static final System.Logger LOG = System.getLogger(CallState.class.getName());
    /** How long a join request is kept after its call failed on the idle limit, to cancel the event it created. */
    private static final Duration LATE_JOIN_WAIT = Duration.ofSeconds(10);

    private final ClientCore client;
    private final GradioRequest request;
    private final Settings settings;
    private final Flow.Subscriber<? super GradioEvent> subscriber;
    private final CompletableFuture<String> eventIdFuture;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final EventDecoder decoder;
    private final Session session;
    private GradioEndpoint endpoint;
    private String eventId;
    private final Demand demand = new Demand();
    private boolean done;
    private boolean draining;
    /** Tasks of this call queued by {@link #ctxRun} and not yet run; request(n) runs inline only when none are. */
    private final java.util.concurrent.atomic.AtomicInteger queuedTasks = new java.util.concurrent.atomic.AtomicInteger();
    private boolean finishedReceiving;
    private boolean completedReceived;
    private GradioException pendingError;
    private long totalTimer = -1;
    private boolean left;
    private int maxBacklog;

    CallState(ClientCore client, Session session, GradioRequest request, Settings settings,
              Flow.Subscriber<? super GradioEvent> subscriber, CompletableFuture<String> eventIdFuture) {
        this.client = client;
        this.settings = settings;
        this.session = session;
        this.request = request;
        this.subscriber = subscriber;
        this.eventIdFuture = eventIdFuture;
        this.decoder = new EventDecoder(session.host, session.hash, true);
    }

    String eventId() {
        return eventId;
    }

    int backlog() {
        return queue.size();
    }

    /**
     * The largest number of messages that ever waited for the subscriber (for tests).
     *
     * @return the largest backlog seen
     */
    public int maxBacklog() {
        return maxBacklog;
    }

    /** The client is closing: fail the call at once. */
    void shutdown() {
        ctxRun(() -> {
            if (!done) {
                queue.clear();
                terminate(ClientCore.closedFailure());
                abortTransport();
            }
        });
    }

    boolean finishedReceiving() {
        return finishedReceiving || done;
    }

    /** Starts the call; called once, right after onSubscribe. */
    void start() {
        session.ctx.runOnContext(v -> {
            if (done) {
                leave();
                return;
            }
            client.track(this, true);
            Duration total = settings.total();
            totalTimer = session.ctx.owner().setTimer(Math.max(1, total.toMillis()), id -> session.ctx.runOnContext(x -> {
                if (!done) {
                    LOG.log(System.Logger.Level.DEBUG, "call {0}: total timeout", eventId);
                    queue.clear();
                    terminate(new GradioTimeoutException(GradioTimeoutException.Kind.TOTAL, total,
                            "The Gradio call to " + Failures.hostOf(request.baseUrl().toString()) + " did not finish within "
                                    + total + "; retry, or raise totalTimeout", null));
                    abortTransport();
                }
            }));
            if (request.endpoint() != null) {
                join(request.endpoint());
            } else {
                client.config(request.baseUrl(), request.settings()).whenComplete((cfg, err) -> session.ctx.runOnContext(x -> {
                    if (done) {
                        leave();
                        return;
                    }
                    if (err != null) {
                        fail(Failures.unwrap(err));
                        return;
                    }
                    GradioEndpoint ep = cfg.endpointByApiName(request.apiName()).orElse(null);
                    if (ep == null) {
                        fail(new GradioException("The app at " + request.baseUrl() + " has no endpoint named '"
                                + request.apiName() + "'; known api names: " + cfg.dependencies().stream()
                                .map(GradioDependency::apiName).filter(n -> n != null).toList()));
                        return;
                    }
                    join(ep);
                }));
            }
        });
    }

    private void join(GradioEndpoint ep) {
        endpoint = ep;
        decoder.usesDiffs(ep.usesDiffs());
        ObjectNode body = ClientCore.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (Object o : request.data()) {
            data.add(o instanceof JsonNode n ? n : ClientCore.MAPPER.valueToTree(o));
        }
        Object ed = request.eventData();
        body.set("event_data", ed instanceof JsonNode n ? n : ClientCore.MAPPER.valueToTree(ed));
        body.put("fn_index", ep.fnIndex());
        if (ep.triggerId() != null) {
            body.put("trigger_id", ep.triggerId());
        }
        body.put("session_hash", session.hash);
        String url = request.baseUrl() + ep.apiPrefix() + "/queue/join?";
        Duration connect = settings.connect();
        Duration idle = settings.idle();
        LOG.log(System.Logger.Level.DEBUG, "POST {0} fn_index={1}", url, ep.fnIndex());
        // The call fails after the idle limit, but the request lives on a while: the server may have created the event,
        // and only its late answer names the event to cancel (see the done branch below).
        long joinTimer = session.ctx.owner().setTimer(Math.max(1, idle.toMillis()), t -> session.ctx.runOnContext(x -> {
            if (eventId == null) {
                fail(Failures.transport(new TimeoutException(), url, connect, idle));
            }
        }));
        client.transport().exchange(HttpMethod.POST, url, Buffer.buffer(body.toString()), settings, idle.plus(LATE_JOIN_WAIT),
                        session.cookies, Transport.MAX_SMALL_BYTES, "queue join", r -> { })
                .onComplete(ar -> {
                    session.ctx.owner().cancelTimer(joinTimer);
                    if (done) {
                        if (ar.succeeded() && ar.result().status() == 200) {
                            String id = null;
                            try {
                                id = ClientCore.MAPPER.readTree(ar.result().body()).path("event_id").asText(null);
                            } catch (Exception ignored) {
                                // best effort only
                            }
                            sendCancel(id);
                        }
                        leave();
                        return;
                    }
                    if (ar.failed()) {
                        fail(Failures.transport(ar.cause(), url, connect, idle));
                        return;
                    }
                    Transport.SmallResponse r = ar.result();
                    if (r.status() != 200) {
                        fail(Failures.status("queue join", r.status(), r.body(), url, ep.apiPrefix()));
                        return;
                    }
                    String id;
                    try {
                        JsonNode n = ClientCore.MAPPER.readTree(r.body());
                        JsonNode idNode = n.get("event_id");
                        id = idNode == null || idNode.isNull() ? null : idNode.asText();
                    } catch (Exception e) {
                        id = null;
                    }
                    if (id == null || id.isEmpty()) {
                        fail(new GradioProtocolException("The queue join at " + url + " answered 200 without an event_id ("
                                + GradioStatusException.excerpt(r.body())
                                + "); is this a Gradio 4.9+ app using protocol sse_v1 or later?"));
                        return;
                    }
                    eventId = id;
                    eventIdFuture.complete(id);
                    session.joined(this, id, ep.apiPrefix());
                });
    }

    /**
     * True once the server reported the event finished ({@code process_completed} or {@code unexpected_error}) on a
     * protocol where it then ends the stream itself (see {@link GradioEndpoint#closesStream()}).
     */
    boolean serverEndsStream() {
        return completedReceived && endpoint != null && endpoint.closesStream();
    }

    /** A message for this event (or a session-wide one) arrived. */
    void enqueue(Message msg) {
        if (done) {
            return;
        }
        if (msg.terminal()) {
            finishedReceiving = true;
            completedReceived = true;
        }
        if (!draining && pendingError == null && queue.isEmpty() && demand.available()) {
            // nothing waits and the subscriber wants more: deliver at once, without a trip through the queue
            if (maxBacklog == 0) {
                maxBacklog = 1;
            }
            draining = true;
            try {
                deliver(msg);
            } finally {
                draining = false;
            }
            drain();
            return;
        }
        queue.add(msg);
        maxBacklog = Math.max(maxBacklog, queue.size());
        drain();
    }

    /** A transport failure: delivered after the events already received. */
    void fail(GradioException e) {
        if (done || pendingError != null) {
            return;
        }
        pendingError = e;
        finishedReceiving = true;
        drain();
    }

    @Override
    public void request(long n) {
        if (n > 0 && io.vertx.core.Vertx.currentContext() == session.ctx && queuedTasks.get() == 0) {
            // Already on the call's context with none of its tasks pending (so no reordering): add the demand now
            // instead of queueing a task. From inside onNext, drain() is running (draining) and its loop takes it.
            if (!done) {
                demand.add(n);
                drain();
            }
            return;
        }
        ctxRun(() -> {
            if (done) {
                return;
            }
            if (n <= 0) {
                queue.clear();
                terminate(new IllegalArgumentException(
                        "Subscription.request needs a positive count (reactive-streams rule 3.9), got " + n));
                abortTransport();
                return;
            }
            demand.add(n);
            drain();
        });
    }

    @Override
    public void cancel() {
        ctxRun(() -> {
            if (done) {
                return;
            }
            done = true;
            client.track(this, false);
            LOG.log(System.Logger.Level.DEBUG, "call {0}: cancelled", eventId);
            queue.clear();
            abortTransport();
        });
    }

    private void ctxRun(Runnable r) {
        queuedTasks.incrementAndGet();
        session.ctx.runOnContext(v -> {
            queuedTasks.decrementAndGet();
            r.run();
        });
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!done) {
                if (queue.isEmpty()) {
                    if (pendingError != null) {
                        GradioException e = pendingError;
                        terminate(e);
                        abortTransport();
                    }
                    break;
                }
                if (!demand.available()) {
                    break;
                }
                Message msg = queue.poll();
                deliver(msg);
            }
        } finally {
            draining = false;
        }
        if (!done) {
            session.afterDelivery(queue.size());
        }
    }

    private void deliver(Message msg) {
        String id = eventId;
        try {
            GradioEvent ev = decoder.decode(msg, id);
            if (ev == null) {
                LOG.log(System.Logger.Level.DEBUG, "call {0}: ignored message type ''{1}''", id, msg.type());
                return;
            }
            next(ev);
            if (ev instanceof GradioEvent.Completed && !done) {
                terminate(null);
                leave();
            }
        } catch (GradioException e) {
            queue.clear();
            terminate(e);
            abortTransport();
        } catch (Throwable e) { // a bug or a resource limit while reading a message: fail this call, keep the client
            queue.clear();
            terminate(new GradioProtocolException("Event " + id + " sent a message this client failed to process ("
                    + e + "); the call was stopped", e));
            abortTransport();
        }
    }

    private void next(GradioEvent ev) {
        demand.take();
        try {
            subscriber.onNext(ev);
        } catch (Throwable e) { // rule 2.13: the subscription is cancelled, no further signal; the call leaves the client
            LOG.log(System.Logger.Level.WARNING, "the subscriber threw from onNext; cancelling the call", e);
            done = true;
            finishedReceiving = true;
            client.track(this, false);
            if (!eventIdFuture.isDone()) {
                eventIdFuture.completeExceptionally(e);
            }
            queue.clear();
            abortTransport();
        }
    }

    /** Exactly one terminal signal: error when {@code e} is non-null, else completion. */
    private void terminate(Throwable e) {
        if (done) {
            return;
        }
        done = true;
        finishedReceiving = true;
        cancelTotal();
        client.track(this, false);
        if (!eventIdFuture.isDone()) {
            eventIdFuture.completeExceptionally(e != null ? e : new IllegalStateException("no event id"));
        }
        try {
            if (e == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(e);
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "the subscriber threw from its terminal method", t);
        }
    }

    /** Stops receiving: closes the stream when this is the session's only call, best-effort /cancel. */
    private void abortTransport() {
        cancelTotal();
        if (eventId != null && !completedReceived) {
            sendCancel(eventId);
        }
        finishedReceiving = true;
        leave();
    }

    private void leave() {
        if (!left) {
            left = true;
            cancelTotal();
            session.leave(this);
        }
    }

    private void sendCancel(String id) {
        if (id == null || endpoint == null) {
            return;
        }
        ObjectNode body = ClientCore.MAPPER.createObjectNode();
        body.put("session_hash", session.hash).put("fn_index", endpoint.fnIndex()).put("event_id", id);
        String url = request.baseUrl() + endpoint.apiPrefix() + "/cancel";
        try {
            client.transport().exchange(HttpMethod.POST, url, Buffer.buffer(body.toString()), settings, Duration.ofSeconds(10),
                            session.cookies, Transport.MAX_SMALL_BYTES, "cancel request", r -> { })
                    .onComplete(ar -> LOG.log(System.Logger.Level.DEBUG, "POST {0}: {1}", url,
                            ar.succeeded() ? ar.result().status() : ar.cause()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cancel request failed", e);
        }
    }

    private void cancelTotal() {
        if (totalTimer >= 0) {
            session.ctx.owner().cancelTimer(totalTimer);
            totalTimer = -1;
        }
    }
}
