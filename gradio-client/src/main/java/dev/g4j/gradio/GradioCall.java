package dev.g4j.gradio;

import dev.g4j.gradio.internal.CallState;
import dev.g4j.gradio.internal.ClientCore;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One submitted call, as a cold, single-subscriber {@link Flow.Publisher} of {@link GradioEvent}s.
 *
 * <p>Subscribing starts the call: resolve the endpoint when needed, join the queue, then read the session's event
 * stream. Events are delivered only on demand; while the subscriber has no demand and more than a few messages are
 * waiting, the HTTP stream is paused, so a slow subscriber never makes memory grow. A successful call ends with
 * {@link GradioEvent.Completed} then {@code onComplete}; failures arrive through {@code onError} as
 * {@link GradioException} subtypes, after the events received before them (a total timeout is signalled at once).
 * Exactly one terminal signal is sent. Signals arrive on a Vert.x event-loop thread: do not block in them. A
 * subscriber that throws from {@code onNext} cancels the call.
 *
 * <p>Cancelling the subscription, or {@link #cancel()}, closes the event stream at once (unless other calls share
 * the session) and posts a best-effort {@code /cancel}; no further signals follow.
 */
public final class GradioCall implements Flow.Publisher<GradioEvent> {
    private static final Object CANCELLED = new Object();

    private final ClientCore core;
    private final GradioRequest request;
    private final CompletableFuture<String> eventId = new CompletableFuture<>();
    private final AtomicReference<Object> state = new AtomicReference<>();

    GradioCall(ClientCore core, GradioRequest request) {
        this.core = core;
        this.request = request;
    }

    /** The running call, or null (for tests). */
    CallState state() {
        return state.get() instanceof CallState c ? c : null;
    }

    /**
     * The request this call sends.
     *
     * @return the request
     */
    public GradioRequest request() {
        return request;
    }

    /**
     * The server's id of the event.
     *
     * @return a future completed once the join is accepted; it fails when the call fails before that
     */
    public CompletableFuture<String> eventId() {
        return eventId;
    }

    /**
     * Starts the call for this subscriber; a second subscriber, or one after {@link #cancel()}, gets
     * {@code onError(IllegalStateException)}.
     *
     * @param subscriber the subscriber
     */
    @Override
    public void subscribe(Flow.Subscriber<? super GradioEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        core.subscribe(request, subscriber, eventId, state, () -> state.get() == CANCELLED
                ? "This GradioCall was cancelled before it was subscribed to"
                : "A GradioCall accepts a single subscriber; submit the request again for another");
    }

    /** Cancels the call: the same as cancelling its subscription; before subscription it prevents it. */
    public void cancel() {
        if (!state.compareAndSet(null, CANCELLED)) {
            ClientCore.cancel(state.get());
        }
        eventId.cancel(false);
    }
}
