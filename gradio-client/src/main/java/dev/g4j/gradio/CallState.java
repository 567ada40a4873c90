package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.UpstreamProtocolException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The life of one submitted call: resolve the endpoint, join, receive its messages from the {@link Session}, turn
 * them into {@link GradioEvent}s as the subscriber asks for them, and end with exactly one terminal signal.
 *
 * <p>Messages are converted lazily, at delivery: so the live {@link OutputState} of a delivered
 * {@link GradioEvent.Generating} reflects exactly that message. Every field is confined to the session's context;
 * {@link #request} and {@link #cancel} hop onto it.
 */
final class CallState implements Flow.Subscription {
    private static final System.Logger LOG = System.getLogger(CallState.class.getName());

    private final GradioClient client;
    private final GradioRequest request;
    private final Flow.Subscriber<? super GradioEvent> subscriber;
    private final CompletableFuture<String> eventIdFuture;
    private final ArrayDeque<JsonNode> queue = new ArrayDeque<>();
    private final DiffApplier outputs = new DiffApplier();
    private final Session session;
    private GradioEndpoint endpoint;
    private String eventId;
    private long demand;
    private boolean done;
    private boolean draining;
    /** Tasks of this call queued by {@link #ctxRun} and not yet run; request(n) runs inline only when none are. */
    private final java.util.concurrent.atomic.AtomicInteger queuedTasks = new java.util.concurrent.atomic.AtomicInteger();
    private boolean finishedReceiving;
    private boolean completedReceived;
    private ProviderException pendingError;
    private long totalTimer = -1;
    private boolean left;
    private int maxBacklog;

    CallState(GradioClient client, Session session, GradioRequest request, Flow.Subscriber<? super GradioEvent> subscriber,
              CompletableFuture<String> eventIdFuture) {
        this.client = client;
        this.session = session;
        this.request = request;
        this.subscriber = subscriber;
        this.eventIdFuture = eventIdFuture;
    }

    String eventId() {
        return eventId;
    }

    int backlog() {
        return queue.size();
    }

    /** The largest number of messages that ever waited for the subscriber (for tests). */
    int maxBacklog() {
        return maxBacklog;
    }

    /** The client is closing: fail the call at once. */
    void shutdown() {
        ctxRun(() -> {
            if (!done) {
                queue.clear();
                terminate(new dev.g4j.provider.api.ProviderException(
                        "The GradioClient was closed while this call was running; close the client only after its calls end"));
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
            Duration total = client.totalTimeout(request);
            totalTimer = session.ctx.owner().setTimer(Math.max(1, total.toMillis()), id -> session.ctx.runOnContext(x -> {
                if (!done) {
                    LOG.log(System.Logger.Level.DEBUG, "call {0}: total timeout", eventId);
                    queue.clear();
                    terminate(new ProviderTimeoutException(ProviderTimeoutException.Kind.TOTAL, total,
                            "The Gradio call to " + Errors.hostOf(request.baseUrl().toString()) + " did not finish within "
                                    + total + "; retry, or raise totalTimeout"));
                    abortTransport();
                }
            }));
            if (request.endpoint() != null) {
                join(request.endpoint());
            } else {
                client.config(request.baseUrl()).whenComplete((cfg, err) -> session.ctx.runOnContext(x -> {
                    if (done) {
                        leave();
                        return;
                    }
                    if (err != null) {
                        fail(unwrap(err));
                        return;
                    }
                    GradioEndpoint ep = cfg.endpointByApiName(request.apiName()).orElse(null);
                    if (ep == null) {
                        fail(new ProviderException("The app at " + request.baseUrl() + " has no endpoint named '"
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
        ObjectNode body = GradioClient.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (Object o : request.data()) {
            data.add(o instanceof JsonNode n ? n : GradioClient.MAPPER.valueToTree(o));
        }
        Object ed = request.eventData();
        body.set("event_data", ed instanceof JsonNode n ? n : GradioClient.MAPPER.valueToTree(ed));
        body.put("fn_index", ep.fnIndex());
        if (ep.triggerId() != null) {
            body.put("trigger_id", ep.triggerId());
        }
        body.put("session_hash", session.hash);
        String url = request.baseUrl() + ep.apiPrefix() + "/queue/join?";
        Duration connect = client.connectTimeout(request);
        Duration idle = client.idleTimeout(request);
        LOG.log(System.Logger.Level.DEBUG, "POST {0} fn_index={1}", url, ep.fnIndex());
        client.exchange(client.requestOptions(HttpMethod.POST, url, connect, idle, client.proxy(request), session.cookies, true),
                        Buffer.buffer(body.toString()), session.cookies)
                .onComplete(ar -> {
                    if (done) {
                        if (ar.succeeded() && ar.result().status() == 200) {
                            String id = null;
                            try {
                                id = GradioClient.MAPPER.readTree(ar.result().body()).path("event_id").asText(null);
                            } catch (Exception ignored) {
                                // best effort only
                            }
                            sendCancel(id);
                        }
                        leave();
                        return;
                    }
                    if (ar.failed()) {
                        fail(Errors.transport(ar.cause(), url, connect, idle));
                        return;
                    }
                    GradioClient.SmallResponse r = ar.result();
                    if (r.status() != 200) {
                        fail(Errors.status("queue join", r.status(), r.body(), url, ep.apiPrefix()));
                        return;
                    }
                    String id;
                    try {
                        JsonNode n = GradioClient.MAPPER.readTree(r.body());
                        JsonNode idNode = n.get("event_id");
                        id = idNode == null || idNode.isNull() ? null : idNode.asText();
                    } catch (Exception e) {
                        id = null;
                    }
                    if (id == null || id.isEmpty()) {
                        fail(new UpstreamProtocolException("The queue join at " + url + " answered 200 without an event_id ("
                                + dev.g4j.provider.api.ResponseStatusException.excerpt(r.body())
                                + "); is this a Gradio 4.9+ app using protocol sse_v1 or later?"));
                        return;
                    }
                    eventId = id;
                    eventIdFuture.complete(id);
                    session.joined(this, id, ep.apiPrefix());
                });
    }

    /** A message for this event (or a session-wide one) arrived. */
    void enqueue(JsonNode msg) {
        if (done) {
            return;
        }
        String type = msg.path("msg").asText("");
        if (type.equals("process_completed") || type.equals("unexpected_error")) {
            finishedReceiving = true;
            completedReceived = true;
        }
        queue.add(msg);
        maxBacklog = Math.max(maxBacklog, queue.size());
        drain();
    }

    /** A transport failure: delivered after the events already received. */
    void fail(ProviderException e) {
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
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
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
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
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
                        ProviderException e = pendingError;
                        terminate(e);
                        abortTransport();
                    }
                    break;
                }
                if (demand <= 0) {
                    break;
                }
                JsonNode msg = queue.poll();
                deliver(msg);
            }
        } finally {
            draining = false;
        }
        if (!done) {
            session.flowControl();
        }
    }

    private void deliver(JsonNode msg) {
        String type = msg.path("msg").asText("");
        String id = eventId;
        try {
            switch (type) {
                case "estimation" -> next(new GradioEvent.Queued(id, intOrNull(msg.get("rank")),
                        intOrNull(msg.get("queue_size")), doubleOrNull(msg.get("rank_eta"))));
                case "process_starts" -> next(new GradioEvent.Started(id, doubleOrNull(msg.get("eta"))));
                case "progress" -> next(new GradioEvent.Progress(id, msg.path("progress_data")));
                case "log" -> next(new GradioEvent.Log(id, textOrNull(msg.get("level")), textOrNull(msg.get("log")),
                        textOrNull(msg.get("title"))));
                case "process_generating", "process_streaming" -> generating(msg, type.equals("process_streaming"));
                case "process_completed" -> completed(msg);
                case "unexpected_error" -> unexpected(msg);
                default -> LOG.log(System.Logger.Level.DEBUG, "call {0}: ignored message type ''{1}''", id, type);
            }
        } catch (ProviderException e) {
            queue.clear();
            terminate(e);
            abortTransport();
        }
    }

    private void generating(JsonNode msg, boolean full) {
        JsonNode out = msg.path("output");
        if (msg.path("success").isBoolean() && !msg.get("success").booleanValue()) {
            throw remoteFailure(msg);
        }
        JsonNode data = out.get("data");
        if (!(data instanceof ArrayNode arr)) {
            throw new UpstreamProtocolException("A " + msg.path("msg").asText() + " message for event " + eventId
                    + " has no output.data list");
        }
        List<OutputChange> changes;
        if (full || !outputs.hasBaseline() || endpoint == null || !endpoint.usesDiffs()) {
            changes = outputs.applyFull(arr);
        } else {
            try {
                changes = outputs.applyDiffs(arr);
            } catch (DiffException e) {
                throw new UpstreamProtocolException("Event " + eventId + " sent an edit list this client cannot read: "
                        + e.getMessage(), e);
            }
        }
        next(new GradioEvent.Generating(eventId, outputs.view(), changes));
    }

    private void completed(JsonNode msg) {
        if (!msg.path("success").asBoolean(false)) {
            throw remoteFailure(msg);
        }
        JsonNode data = msg.path("output").get("data");
        boolean hasData = data instanceof ArrayNode;
        if (hasData) {
            outputs.applyFull((ArrayNode) data);
        }
        next(new GradioEvent.Completed(eventId, outputs.view(), hasData));
        if (!done) {
            terminate(null);
            leave();
        }
    }

    private RemoteProcessException remoteFailure(JsonNode msg) {
        JsonNode out = msg.path("output");
        String error = textOrNull(out.get("error"));
        String title = textOrNull(out.get("title"));
        if (title == null) {
            title = textOrNull(msg.get("title"));
        }
        String prefix = "The Gradio app at " + Errors.hostOf(request.baseUrl().toString()) + " failed to process event "
                + eventId;
        if (error == null) {
            return new RemoteProcessException(prefix + " and gave no reason (the app hides errors unless show_error is"
                    + " on); check the inputs, or retry later");
        }
        return new RemoteProcessException(prefix + ": " + (title == null ? "" : title + ": ") + error);
    }

    private void unexpected(JsonNode msg) {
        String m = textOrNull(msg.get("message"));
        String host = Errors.hostOf(request.baseUrl().toString());
        if (msg.path("session_not_found").asBoolean(false) || (m != null && m.contains("Session not found"))) {
            throw new RemoteProcessException(host + " does not know session " + session.hash + " (" + m
                    + "); the join probably reached another replica or the session expired. Submit again; keep cookies"
                    + " for sticky routing");
        }
        if ("Server stopped unexpectedly.".equals(m)) {
            throw new RemoteProcessException(host + " is shutting down (\"Server stopped unexpectedly.\"); retry later");
        }
        throw new RemoteProcessException("The Gradio server at " + host + " reported an unexpected error: " + m);
    }

    private void next(GradioEvent ev) {
        demand--;
        try {
            subscriber.onNext(ev);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the subscriber threw from onNext; cancelling the call", e);
            done = true;
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
        } catch (RuntimeException t) {
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
        ObjectNode body = GradioClient.MAPPER.createObjectNode();
        body.put("session_hash", session.hash).put("fn_index", endpoint.fnIndex()).put("event_id", id);
        String url = request.baseUrl() + endpoint.apiPrefix() + "/cancel";
        try {
            client.exchange(client.requestOptions(HttpMethod.POST, url, client.connectTimeout(request),
                            Duration.ofSeconds(10), client.proxy(request), session.cookies, true), Buffer.buffer(body.toString()), null)
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

    private static ProviderException unwrap(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof ProviderException p ? p : new ProviderException(String.valueOf(c.getMessage()), c);
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.intValue();
    }

    private static Double doubleOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.doubleValue();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
