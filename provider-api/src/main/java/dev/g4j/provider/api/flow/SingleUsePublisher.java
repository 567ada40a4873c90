package dev.g4j.provider.api.flow;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets one subscriber through to a delegate publisher; every later subscriber gets an
 * {@link IllegalStateException} through {@code onError}. Makes a cold, single-use stream, such as one HTTP
 * request, safe to hand out as a {@link Flow.Publisher}.
 *
 * @param <T> the item type
 */
public final class SingleUsePublisher<T> implements Flow.Publisher<T> {
    private final Flow.Publisher<T> delegate;
    private final AtomicBoolean used = new AtomicBoolean();

    public SingleUsePublisher(Flow.Publisher<T> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (used.compareAndSet(false, true)) {
            delegate.subscribe(subscriber);
        } else {
            rejectSubscriber(subscriber, new IllegalStateException(
                    "This result was already subscribed to: a result is single-use, start a new request for another answer"));
        }
    }

    /** Sends {@code onSubscribe} with an inert subscription, then {@code onError(error)}. */
    public static void rejectSubscriber(Flow.Subscriber<?> subscriber, Throwable error) {
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
