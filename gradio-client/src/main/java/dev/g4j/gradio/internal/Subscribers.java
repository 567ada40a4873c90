package dev.g4j.gradio.internal;

import java.util.concurrent.Flow;

/** Helpers for the reactive-streams rules a publisher must follow. */
final class Subscribers {
    private Subscribers() {
    }

    /** Refuses a subscriber: a no-op subscription, then {@code onError} (rule 1.9: onSubscribe comes first). */
    static void reject(Flow.Subscriber<?> subscriber, Throwable error) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onError(error);
    }
}
