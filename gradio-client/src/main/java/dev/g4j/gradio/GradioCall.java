package dev.g4j.gradio;

import dev.g4j.provider.api.flow.SingleUsePublisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One submitted call, as a cold, single-subscriber {@link Flow.Publisher} of {@link GradioEvent}s.
 *
 * <p>Subscribing starts the call: join the queue, then read the session's event stream. Events are delivered only
 * on demand; while the subscriber has no demand and more than a few messages are waiting, the HTTP stream is paused,
 * so a slow subscriber never makes memory grow. A successful call ends with {@link GradioEvent.Completed} then
 * {@code onComplete}; failures arrive through {@code onError} as {@link dev.g4j.provider.api.ProviderException}
 * subtypes, after the events received before them (a total timeout is signalled at once). Exactly one terminal
 * signal is sent. Signals arrive on a Vert.x event-loop thread: do not block in them.
 *
 * <p>Cancelling the subscription, or {@link #cancel()}, closes the event stream at once (unless other calls share
 * the session) and posts a best-effort {@code /cancel}; no further signals follow.
 */
public final class GradioCall implements Flow.Publisher<GradioEvent> {
    private final GradioClient client;
    private final GradioRequest request;
    private final CompletableFuture<String> eventId = new CompletableFuture<>();
    private final AtomicReference<Object> state = new AtomicReference<>();

    /** The running call, or null (for tests). */
    CallState state() {
        Object s = state.get();
        return s instanceof CallState c ? c : null;
    }
    private static final Object CANCELLED = new Object();

    GradioCall(GradioClient client, GradioRequest request) {
        this.client = client;
        this.request = request;
    }

    /** The request this call sends. */
    public GradioRequest request() {
        return request;
    }

    /** Completes with the server's event id once the join is accepted; fails when the call fails before that. */
    public CompletableFuture<String> eventId() {
        return eventId;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super GradioEvent> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        Session session;
        try {
            session = client.acquireSession(request.baseUrl().toString(), request.sessionHash(), request);
        } catch (RuntimeException e) {
            SingleUsePublisher.rejectSubscriber(subscriber, e);
            return;
        }
        CallState call = new CallState(client, session, request, subscriber, eventId);
        if (!state.compareAndSet(null, call)) {
            session.ctx.runOnContext(v -> session.leave(call));
            SingleUsePublisher.rejectSubscriber(subscriber, new IllegalStateException(state.get() == CANCELLED
                    ? "This GradioCall was cancelled before it was subscribed to"
                    : "A GradioCall accepts a single subscriber; submit the request again for another"));
            return;
        }
        subscriber.onSubscribe(call);
        call.start();
    }

    /** Cancels the call: the same as cancelling its subscription; before subscription it prevents it. */
    public void cancel() {
        if (!state.compareAndSet(null, CANCELLED)) {
            Object s = state.get();
            if (s instanceof CallState c) {
                c.cancel();
            }
        }
        eventId.cancel(false);
    }
}
