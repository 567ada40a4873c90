package dev.g4j.langchain4j.internal;

import dev.g4j.provider.api.ResponseChunk;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Subscribes to a g4j answer one chunk at a time (so a slow consumer slows the upstream) and reports it through
 * {@link Listener}. After {@link #cancel()} the listener hears nothing more.
 */
public final class AnswerSubscriber implements Flow.Subscriber<ResponseChunk> {

    /** What the subscriber reports; called on the provider's thread, one call at a time. */
    public interface Listener {
        /**
         * A piece of the answer.
         *
         * @param text the delta, not empty
         */
        void onText(String text);

        /**
         * A piece of the reasoning.
         *
         * @param text the delta, not empty
         */
        void onThinking(String text);

        /**
         * The answer is complete.
         *
         * @param response the whole answer
         */
        void onComplete(ChatResponse response);

        /**
         * The answer failed.
         *
         * @param error the failure, as the provider or registry raised it
         */
        void onError(Throwable error);
    }

    private final Listener listener;
    private final Runnable onEnd;
    private final Answer answer = new Answer();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * Makes a subscriber.
     *
     * @param listener hears the answer
     * @param onEnd runs once when the answer ends in any way, cancel included
     */
    public AnswerSubscriber(Listener listener, Runnable onEnd) {
        this.listener = listener;
        this.onEnd = onEnd;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.compareAndSet(null, s) || done.get()) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(ResponseChunk chunk) {
        if (done.get()) {
            return;
        }
        try {
            String text = answer.acceptText(chunk);
            if (text != null && !text.isEmpty()) {
                listener.onText(text);
            } else if (chunk instanceof ResponseChunk.Reasoning r) {
                listener.onThinking(r.text());
            }
        } catch (RuntimeException | Error e) {
            // The caller's handler failed: stop the upstream and report the failure once.
            cancel();
            listener.onError(e);
            return;
        }
        if (!done.get()) {
            subscription.get().request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (finish()) {
            listener.onError(error);
        }
    }

    @Override
    public void onComplete() {
        if (finish()) {
            listener.onComplete(answer.toResponse());
        }
    }

    /** Stops the answer: the upstream is cancelled and the listener hears nothing more. Idempotent. */
    public void cancel() {
        if (finish()) {
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }
    }

    /**
     * Tells whether the answer ended, by completion, failure or cancellation.
     *
     * @return true once ended
     */
    public boolean isDone() {
        return done.get();
    }

    private boolean finish() {
        if (done.compareAndSet(false, true)) {
            onEnd.run();
            return true;
        }
        return false;
    }
}
