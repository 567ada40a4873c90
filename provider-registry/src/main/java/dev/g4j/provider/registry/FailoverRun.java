package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.flow.ChunkEmitter;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One subscription to a failover result: tries the candidates in order with g4f's rule. Each attempt starts by
 * emitting {@link ResponseChunk.ProviderInfo} (and a {@link ResponseChunk.Notice} naming the typed generation
 * parameters the candidate ignores); an attempt that fails (or ends without any text) before a
 * {@link ResponseChunk.Text} or {@link ResponseChunk.TextReplaced} chunk went out hands over to the next
 * candidate; once text went out, the attempt's outcome is final, so no text is ever duplicated. An empty answer
 * is accepted only from the last candidate.
 *
 * <p>Errors: a failure that retrying cannot fix ({@link ErrorRule}) ends the stream at once, as it is. When every
 * candidate failed, a single attempt's error is passed on as it is, and two or more become a
 * {@link RetryProviderException} naming each attempt.
 *
 * <p>Timeouts: {@link ProviderOptions#idleTimeout()} bounds the wait for the next chunk of any kind while demand is
 * pending (the attempt is cancelled and counts as failed); {@link ProviderOptions#totalTimeout()} bounds the whole
 * run from subscription, failover included.
 *
 * <p>Back-pressure: one upstream item is requested at a time, and only when the downstream wants more and the
 * buffer is empty. Cancelling the downstream cancels the active attempt.
 */
final class FailoverRun implements ChunkEmitter.Listener {
    private final String requestedModel;
    private final List<Candidate> candidates;
    private final Messages messages;
    private final ProviderOptions options;
    private final Prepared first;
    private final List<Map.Entry<String, Throwable>> failures = new CopyOnWriteArrayList<>();
    private ChunkEmitter<ResponseChunk> emitter;
    private volatile Attempt current;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> totalTimer;

    /**
     * What became of the first candidate's {@code createAsyncGenerator}, called when the request was created so
     * that a bad argument surfaces there.
     *
     * @param result the prepared result, or null when it failed
     * @param failure the retryable failure, or null
     */
    record Prepared(AsyncResult result, Throwable failure) {
    }

    FailoverRun(String requestedModel, List<Candidate> candidates, Messages messages, ProviderOptions options,
                Prepared first) {
        this.requestedModel = requestedModel;
        this.candidates = List.copyOf(candidates);
        this.messages = messages;
        this.options = options;
        this.first = first;
    }

    void start(Flow.Subscriber<? super ResponseChunk> subscriber) {
        emitter = new ChunkEmitter<>(subscriber, this);
        emitter.start();
        totalTimer = Timers.schedule(this::totalExpired, options.totalTimeout().toNanos());
        if (stopped) {
            totalTimer.cancel(false);
            return;
        }
        startAttempt(0);
    }

    @Override
    public void onReady() {
        Attempt a = current;
        if (a != null) {
            a.requestOne();
        }
    }

    @Override
    public void onStop() {
        stopped = true;
        ScheduledFuture<?> timer = totalTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        Attempt a = current;
        if (a != null && !a.finished.get()) {
            a.cancel();
        }
    }

    private void startAttempt(int index) {
        while (true) {
            if (stopped || emitter.isDone()) {
                return;
            }
            if (index >= candidates.size()) {
                emitter.fail(exhausted());
                return;
            }
            Candidate candidate = candidates.get(index);
            Attempt attempt = new Attempt(index, candidate);
            current = attempt;
            if (stopped) {
                attempt.cancel();
                return;
            }
            emitter.emit(attempt.announcement());
            Throwable early = index == 0 && first != null ? first.failure() : null;
            if (early != null) {
                attempt.finished.set(true);
                if (!failed(candidate, early)) {
                    return;
                }
                index++;
                continue;
            }
            AsyncResult result;
            try {
                result = index == 0 && first != null ? first.result()
                        : candidate.provider().createAsyncGenerator(candidate.model(), messages, options);
                if (result == null) {
                    throw new ProviderException(candidate.name() + ".createAsyncGenerator returned null");
                }
            } catch (RuntimeException | LinkageError e) {
                attempt.finished.set(true);
                if (!failed(candidate, e)) {
                    return;
                }
                index++;
                continue;
            }
            ResponseChunk.Notice notice = ignoredParameters(candidate);
            if (notice != null) {
                emitter.emit(notice);
            }
            attempt.armIdle(options.idleTimeout().toNanos());
            try {
                result.subscribe(attempt);
            } catch (RuntimeException | LinkageError e) {
                attempt.onError(e);
            }
            return;
        }
    }

    /**
     * Records a failed attempt before any text.
     *
     * @return true to try the next candidate; false when the stream was ended with {@code error} as it is
     */
    private boolean failed(Candidate candidate, Throwable error) {
        if (!ErrorRule.retryable(error)) {
            emitter.fail(error);
            return false;
        }
        failures.add(new AbstractMap.SimpleImmutableEntry<>(candidate.name(), error));
        return true;
    }

    private Throwable exhausted() {
        if (failures.isEmpty()) {
            return new RetryProviderException("No provider could be tried for model '" + requestedModel + "'");
        }
        if (failures.size() == 1) {
            return failures.get(0).getValue();
        }
        return RetryProviderException.of(requestedModel, List.copyOf(failures));
    }

    private ResponseChunk.Notice ignoredParameters(Candidate candidate) {
        Set<GenerationParameter> set = options.generationParameters();
        if (set.isEmpty()) {
            return null;
        }
        Set<GenerationParameter> ignored = EnumSet.copyOf(set);
        try {
            Set<GenerationParameter> supported = candidate.provider().supportedParameters();
            if (supported != null) {
                ignored.removeAll(supported);
            }
        } catch (RuntimeException | LinkageError e) {
            // a provider that cannot say what it supports is taken to support nothing
        }
        if (ignored.isEmpty()) {
            return null;
        }
        String names = ignored.stream().map(GenerationParameter::wireName).collect(Collectors.joining(", "));
        return ResponseChunk.notice("warning", candidate.name() + " ignores " + names
                + (ignored.size() == 1 ? ": it does not support this parameter" : ": it does not support these parameters"));
    }

    private void totalExpired() {
        if (stopped || emitter.isDone()) {
            return;
        }
        Attempt a = current;
        if (a != null) {
            a.finished.set(true);
            a.cancel();
        }
        Duration limit = options.totalTimeout();
        ProviderTimeoutException e = new ProviderTimeoutException(ProviderTimeoutException.Kind.TOTAL, limit,
                "The request for " + describeModel() + " took longer than the total timeout of " + format(limit)
                        + " (failover included)" + (a == null ? "" : "; the attempt with " + a.candidate.name() + " was cancelled")
                        + ". Raise it with ProviderOptions.builder().totalTimeout(...).");
        failures.forEach(f -> e.addSuppressed(f.getValue()));
        emitter.fail(e);
    }

    private String describeModel() {
        return requestedModel == null || requestedModel.isEmpty() ? "the default model" : "model '" + requestedModel + "'";
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The subscriber to one candidate's result. */
    private final class Attempt implements Flow.Subscriber<ResponseChunk> {
        private final int index;
        private final Candidate candidate;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean pending = new AtomicBoolean();
        private final AtomicBoolean idleArmed = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private volatile boolean textFlowed;
        private volatile ResponseChunk heldFinish;
        /** When the attempt last received a chunk, started, or began waiting for one. */
        private volatile long lastActivity = System.nanoTime();
        private volatile ScheduledFuture<?> idleTimer;

        Attempt(int index, Candidate candidate) {
            this.index = index;
            this.candidate = candidate;
        }

        ResponseChunk.ProviderInfo announcement() {
            return ResponseChunk.providerInfo(candidate.name(), candidate.announcedModel());
        }

        void requestOne() {
            Flow.Subscription s = subscription;
            if (s != null && !cancelled && !finished.get() && pending.compareAndSet(false, true)) {
                lastActivity = System.nanoTime();
                armIdle(options.idleTimeout().toNanos());
                s.request(1);
            }
        }

        void cancel() {
            cancelled = true;
            stopIdle();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        /** Waiting for the provider: it has not subscribed us yet, or an item was requested and not delivered. */
        private boolean waiting() {
            return subscription == null || pending.get();
        }

        void armIdle(long delayNanos) {
            if (finished.get() || cancelled || candidate.provider().enforcesIdleTimeout()) {
                return;
            }
            if (idleArmed.compareAndSet(false, true)) {
                idleTimer = Timers.schedule(this::checkIdle, delayNanos);
            }
        }

        private void checkIdle() {
            idleArmed.set(false);
            if (finished.get() || cancelled || !waiting()) {
                return;
            }
            long remaining = lastActivity + options.idleTimeout().toNanos() - System.nanoTime();
            if (remaining > 0) {
                armIdle(remaining);
            } else {
                idleExpired();
            }
        }

        private void stopIdle() {
            ScheduledFuture<?> timer = idleTimer;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        private void idleExpired() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancel();
            Duration limit = options.idleTimeout();
            ProviderTimeoutException e = new ProviderTimeoutException(ProviderTimeoutException.Kind.IDLE, limit,
                    candidate.name() + " sent nothing for " + format(limit) + " (the idle timeout) while the next chunk"
                            + " was awaited; the attempt was cancelled. Raise it with ProviderOptions.builder().idleTimeout(...).");
            if (textFlowed) {
                emitter.fail(e);
            } else if (failed(candidate, e)) {
                startAttempt(index + 1);
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (subscription != null) {
                s.cancel();
                return;
            }
            lastActivity = System.nanoTime();
            subscription = s;
            if (cancelled || stopped) {
                s.cancel();
                return;
            }
            emitter.drain();
        }

        @Override
        public void onNext(ResponseChunk chunk) {
            if (finished.get()) {
                return;
            }
            lastActivity = System.nanoTime();
            pending.set(false);
            if (chunk.equals(announcement())) {
                // the provider announced itself as the registry just did; one line per attempt is enough
                emitter.drain();
                return;
            }
            if (chunk instanceof ResponseChunk.Text || chunk instanceof ResponseChunk.TextReplaced) {
                textFlowed = true;
            } else if (chunk instanceof ResponseChunk.Finish && !textFlowed) {
                // no answer yet: this attempt may still hand over, and Finish must stay the last chunk, so hold it
                heldFinish = chunk;
                emitter.drain();
                return;
            }
            emitter.emit(chunk);
        }

        @Override
        public void onError(Throwable t) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            stopIdle();
            if (textFlowed) {
                emitter.fail(t);
            } else if (failed(candidate, t)) {
                startAttempt(index + 1);
            }
        }

        @Override
        public void onComplete() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            stopIdle();
            if (textFlowed || index == candidates.size() - 1) {
                // an answer, or the last candidate's empty answer: nobody is left to hand over to
                ResponseChunk finish = heldFinish;
                if (!textFlowed && finish != null) {
                    emitter.emit(finish);
                }
                emitter.complete();
            } else if (failed(candidate, new ProviderException(candidate.name() + " ended without sending any text"))) {
                startAttempt(index + 1);
            }
        }
    }
}
