package dev.g4j.provider.openai;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ResponseChunk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** Everything a result emitted, collected with unbounded demand, waited for with a time limit. */
final class Answer {
    final List<ResponseChunk> chunks;
    final Throwable error;

    private Answer(List<ResponseChunk> chunks, Throwable error) {
        this.chunks = chunks;
        this.error = error;
    }

    static Answer of(AsyncResult result) {
        return of(result, Duration.ofSeconds(20));
    }

    static Answer of(AsyncResult result, Duration limit) {
        List<ResponseChunk> chunks = new ArrayList<>();
        Throwable[] error = new Throwable[1];
        CountDownLatch done = new CountDownLatch(1);
        result.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ResponseChunk item) {
                synchronized (chunks) {
                    chunks.add(item);
                }
            }

            @Override
            public void onError(Throwable t) {
                error[0] = t;
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        try {
            if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The answer did not end within " + limit + "; got " + chunks);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        synchronized (chunks) {
            return new Answer(List.copyOf(chunks), error[0]);
        }
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        chunks.stream().filter(c -> c instanceof ResponseChunk.Text).forEach(c -> sb.append(((ResponseChunk.Text) c).text()));
        return sb.toString();
    }

    String reasoning() {
        StringBuilder sb = new StringBuilder();
        chunks.stream().filter(c -> c instanceof ResponseChunk.Reasoning).forEach(c -> sb.append(((ResponseChunk.Reasoning) c).text()));
        return sb.toString();
    }

    Optional<ResponseChunk.Usage> usage() {
        return chunks.stream().filter(c -> c instanceof ResponseChunk.Usage).map(c -> (ResponseChunk.Usage) c).findFirst();
    }

    long count(Class<? extends ResponseChunk> type) {
        return chunks.stream().filter(type::isInstance).count();
    }

    ResponseChunk last() {
        return chunks.get(chunks.size() - 1);
    }
}
