package dev.g4j.provider.tck;

import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ResponseChunk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A subscriber that checks the Reactive Streams rules the contract relies on while it records what arrives:
 * {@code onSubscribe} first and once, no chunk beyond the demand signalled, nothing after a terminal signal or after
 * a cancel, one terminal signal, and only {@link ProviderException}s as errors (or {@link IllegalStateException}
 * when {@code rejectionExpected}). Broken rules are collected as violations, which the tests assert to be empty.
 */
final class ContractSubscriber implements Flow.Subscriber<ResponseChunk> {

    /** One signal received, in order. */
    sealed interface Signal permits Next, Failed, Completed {
    }

    /** An {@code onNext}. */
    record Next(ResponseChunk chunk) implements Signal {
    }

    /** An {@code onError}. */
    record Failed(Throwable error) implements Signal {
    }

    /** An {@code onComplete}. */
    record Completed() implements Signal {
    }

    private final boolean rejectionExpected;
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final BlockingQueue<Signal> pending = new LinkedBlockingQueue<>();
    private final List<Signal> history = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private long requested;
    private long received;
    private boolean terminated;
    private boolean cancelled;

    ContractSubscriber() {
        this(false);
    }

    ContractSubscriber(boolean rejectionExpected) {
        this.rejectionExpected = rejectionExpected;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (s == null) {
            violation("onSubscribe was called with a null subscription");
            return;
        }
        if (!subscription.complete(s)) {
            violation("onSubscribe was called a second time (Reactive Streams rule 2.5)");
            s.cancel();
        }
    }

    @Override
    public void onNext(ResponseChunk chunk) {
        synchronized (this) {
            checkSubscribed("onNext");
            if (chunk == null) {
                violation("onNext was called with null");
            }
            if (terminated) {
                violation("onNext(" + chunk + ") came after the terminal signal");
            }
            if (cancelled) {
                violation("onNext(" + chunk + ") came after cancel()");
            }
            received++;
            if (received > requested) {
                violation("chunk #" + received + " (" + chunk + ") arrived when only " + requested
                        + " had been requested: request(n) must bound the chunks delivered");
            }
            history.add(new Next(chunk));
        }
        pending.add(new Next(chunk));
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            checkSubscribed("onError");
            terminal("onError(" + error + ")");
            if (error == null) {
                violation("onError was called with null");
            } else if (!(error instanceof ProviderException) && !(rejectionExpected && error instanceof IllegalStateException)) {
                violation("the stream failed with " + error.getClass().getName()
                        + ", which is not a dev.g4j.provider.api.ProviderException: " + error.getMessage());
            }
            history.add(new Failed(error));
        }
        pending.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            checkSubscribed("onComplete");
            terminal("onComplete()");
            history.add(new Completed());
        }
        pending.add(new Completed());
    }

    private void checkSubscribed(String signal) {
        if (!subscription.isDone()) {
            violation(signal + " came before onSubscribe (Reactive Streams rule 1.9)");
        }
    }

    private void terminal(String signal) {
        if (terminated) {
            violation(signal + " is a second terminal signal: a stream ends exactly once");
        }
        if (cancelled) {
            violation(signal + " came after cancel(): a cancelled stream must fall silent");
        }
        terminated = true;
    }

    private synchronized void violation(String message) {
        violations.add(message);
    }

    /**
     * Waits for {@code onSubscribe}.
     *
     * @param timeout how long to wait
     * @return the subscription
     */
    Flow.Subscription awaitSubscription(Duration timeout) {
        try {
            return subscription.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("onSubscribe was not called within " + timeout
                    + " of subscribe(): a publisher must call it first (Reactive Streams rule 1.9)");
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Signals demand through the subscription.
     *
     * @param n the number of chunks wanted
     */
    void request(long n) {
        Flow.Subscription s = subscription.getNow(null);
        if (s == null) {
            throw new IllegalStateException("not subscribed yet");
        }
        synchronized (this) {
            requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
        }
        s.request(n);
    }

    /** Cancels through the subscription. */
    void cancel() {
        Flow.Subscription s = subscription.getNow(null);
        if (s == null) {
            throw new IllegalStateException("not subscribed yet");
        }
        synchronized (this) {
            cancelled = true;
        }
        s.cancel();
    }

    /**
     * Waits for the next signal.
     *
     * @param timeout how long to wait
     * @param what what the test waits for, for the failure message
     * @return the signal
     * @throws AssertionError when nothing arrived in time
     */
    Signal next(Duration timeout, String what) {
        Signal signal = poll(timeout);
        if (signal == null) {
            throw new AssertionError("Waited " + timeout + " for " + what + " and received nothing; received so far: "
                    + history());
        }
        return signal;
    }

    /**
     * Waits at most {@code timeout} for the next signal.
     *
     * @param timeout how long to wait
     * @return the signal, or null when none arrived
     */
    Signal poll(Duration timeout) {
        try {
            return pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Requests one chunk at a time until the stream ends.
     *
     * @param timeout the longest wait for each signal
     * @return the terminal signal
     */
    Signal drainOneByOne(Duration timeout) {
        while (true) {
            request(1);
            Signal signal = next(timeout, "the next chunk after request(1)");
            if (!(signal instanceof Next)) {
                return signal;
            }
        }
    }

    /**
     * Requests everything and waits for the end.
     *
     * @param timeout the longest wait for each signal
     * @return the terminal signal
     */
    Signal drainAll(Duration timeout) {
        request(Long.MAX_VALUE);
        while (true) {
            Signal signal = next(timeout, "the end of the stream");
            if (!(signal instanceof Next)) {
                return signal;
            }
        }
    }

    /**
     * The chunks received so far.
     *
     * @return a copy, in order
     */
    synchronized List<ResponseChunk> chunks() {
        List<ResponseChunk> chunks = new ArrayList<>();
        for (Signal signal : history) {
            if (signal instanceof Next) {
                chunks.add(((Next) signal).chunk());
            }
        }
        return chunks;
    }

    /**
     * Every signal so far, for failure messages.
     *
     * @return a copy, in order
     */
    synchronized List<Signal> history() {
        return new ArrayList<>(history);
    }

    /**
     * The rules broken so far.
     *
     * @return a copy, in order
     */
    synchronized List<String> violations() {
        return new ArrayList<>(violations);
    }
}
