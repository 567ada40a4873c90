package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.flow.ChunkEmitter;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscription to a failover result: tries the candidates in order with g4f's rule. Each attempt starts by
 * emitting {@link ResponseChunk.ProviderInfo}; an attempt that fails (or ends without any text) before a
 * {@link ResponseChunk.Text} or {@link ResponseChunk.TextReplaced} chunk went out hands over to the next
 * candidate; once text went out, the attempt's outcome is final, so no text is ever duplicated. An empty answer
 * is accepted only from the last candidate. When every candidate failed, the stream fails with
 * {@link RetryProviderException}.
 *
 * <p>Back-pressure: one upstream item is requested at a time, and only when the downstream wants more and the
 * buffer is empty. Cancelling the downstream cancels the active attempt.
 */
final class FailoverRun implements ChunkEmitter.Listener {
    private final String requestedModel;
    private final List<Candidate> candidates;
    private final Messages messages;
    private final ProviderOptions options;
    private final List<Map.Entry<String, Throwable>> failures = new CopyOnWriteArrayList<>();
    private ChunkEmitter<ResponseChunk> emitter;
    private volatile Attempt current;
    private volatile boolean stopped;

    FailoverRun(String requestedModel, List<Candidate> candidates, Messages messages, ProviderOptions options) {
        this.requestedModel = requestedModel;
        this.candidates = List.copyOf(candidates);
        this.messages = messages;
        this.options = options;
    }

    void start(Flow.Subscriber<? super ResponseChunk> subscriber) {
        emitter = new ChunkEmitter<>(subscriber, this);
        emitter.start();
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
        Attempt a = current;
        if (a != null) {
            a.cancel();
        }
    }

    private void startAttempt(int index) {
        while (true) {
            if (stopped || emitter.isDone()) {
                return;
            }
            if (index >= candidates.size()) {
                emitter.fail(failures.isEmpty()
                        ? new RetryProviderException("No provider could be tried for model '" + requestedModel + "'")
                        : RetryProviderException.of(requestedModel, List.copyOf(failures)));
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
            AsyncResult result;
            try {
                result = candidate.provider().createAsyncGenerator(candidate.model(), messages, options);
                if (result == null) {
                    throw new ProviderException(candidate.name() + ".createAsyncGenerator returned null");
                }
            } catch (RuntimeException | LinkageError e) {
                attempt.finished.set(true);
                failures.add(new AbstractMap.SimpleImmutableEntry<>(candidate.name(), e));
                index++;
                continue;
            }
            try {
                result.subscribe(attempt);
            } catch (RuntimeException | LinkageError e) {
                attempt.onError(e);
            }
            return;
        }
    }

    /** The subscriber to one candidate's result. */
    private final class Attempt implements Flow.Subscriber<ResponseChunk> {
        private final int index;
        private final Candidate candidate;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private volatile boolean textFlowed;
        private volatile ResponseChunk heldFinish;

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
                s.request(1);
            }
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (subscription != null) {
                s.cancel();
                return;
            }
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
            if (textFlowed) {
                emitter.fail(t);
            } else {
                failures.add(new AbstractMap.SimpleImmutableEntry<>(candidate.name(), t));
                startAttempt(index + 1);
            }
        }

        @Override
        public void onComplete() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (textFlowed || index == candidates.size() - 1) {
                // an answer, or the last candidate's empty answer: nobody is left to hand over to
                ResponseChunk finish = heldFinish;
                if (!textFlowed && finish != null) {
                    emitter.emit(finish);
                }
                emitter.complete();
            } else {
                failures.add(new AbstractMap.SimpleImmutableEntry<>(candidate.name(),
                        new ProviderException(candidate.name() + " ended without sending any text")));
                startAttempt(index + 1);
            }
        }
    }
}
