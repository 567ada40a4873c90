package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.providerInfo;
import static dev.g4j.provider.api.ResponseChunk.replaced;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncResultTest {

    @Test
    void secondSubscriberGetsIllegalStateThroughOnError() throws Exception {
        AsyncResult result = AsyncResult.of(text("a"));
        RecordingSubscriber<ResponseChunk> first = new RecordingSubscriber<>(Long.MAX_VALUE);
        RecordingSubscriber<ResponseChunk> second = new RecordingSubscriber<>(Long.MAX_VALUE);
        result.subscribe(first);
        result.subscribe(second);
        first.await();
        second.await();
        assertThat(first.items).containsExactly(text("a"));
        assertThat(first.completed).isTrue();
        assertThat(second.subscription).isNotNull();
        assertThat(second.error).isInstanceOf(IllegalStateException.class).hasMessageContaining("single-use");
        assertThat(second.items).isEmpty();
    }

    @Test
    void fromWrapsAnyPublisherAsSingleUseButNotTwice() {
        AsyncResult once = AsyncResult.of(text("x"));
        assertThat(AsyncResult.from(once)).isSameAs(once);
    }

    @Test
    void ofHonoursDemand() {
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(0);
        AsyncResult.of(text("a"), text("b"), text("c")).subscribe(s);
        assertThat(s.items).isEmpty();
        s.subscription.request(1);
        assertThat(s.snapshot()).containsExactly(text("a"));
        s.subscription.request(5);
        assertThat(s.snapshot()).containsExactly(text("a"), text("b"), text("c"));
        assertThat(s.completed).isTrue();
    }

    @Test
    void textConcatenatesDeltasAndAppliesReplacements() throws Exception {
        AsyncResult r = AsyncResult.of(providerInfo("P", "m"), text("Hel"), text("lo"), replaced("Hi"), text(" there"), finish("stop"));
        assertThat(r.text().get(5, TimeUnit.SECONDS)).isEqualTo("Hi there");
        assertThat(AsyncResult.of(text("a"), replaced("")).text().get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(AsyncResult.of().text().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void textFailsWithTheStreamError() {
        ManualPublisher upstream = new ManualPublisher();
        CompletableFuture<String> f = AsyncResult.from(upstream).text();
        RateLimitException boom = new RateLimitException("slow down");
        upstream.emitter.emit(text("partial"));
        upstream.emitter.fail(boom);
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(boom);
    }

    @Test
    void cancellingTheTextFutureCancelsTheUpstream() throws Exception {
        ManualPublisher upstream = new ManualPublisher();
        CompletableFuture<String> f = AsyncResult.from(upstream).text();
        upstream.emitter.emit(text("a"));
        assertThat(f.cancel(true)).isTrue();
        assertThat(upstream.stopped.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(upstream.emitter.isCancelled()).isTrue();
        assertThat(upstream.emitter.emit(text("late"))).isFalse();
    }

    @Test
    void streamDeliversInOrderAndRethrowsTheProviderException() {
        ManualPublisher upstream = new ManualPublisher();
        AsyncResult r = AsyncResult.from(upstream);
        ProviderException boom = new UpstreamConnectionException("connection reset");
        try (Stream<ResponseChunk> s = r.stream()) {
            for (int i = 0; i < 40; i++) {
                upstream.emitter.emit(text("t" + i));
            }
            upstream.emitter.fail(boom);
            Iterator<ResponseChunk> it = s.iterator();
            for (int i = 0; i < 40; i++) {
                assertThat(it.next()).isEqualTo(text("t" + i));
            }
            assertThatThrownBy(it::hasNext).isSameAs(boom);
        }
    }

    @Test
    void streamCollectsEverythingOfACompletedResult() {
        try (Stream<ResponseChunk> s = AsyncResult.of(text("a"), text("b"), finish("stop")).stream()) {
            assertThat(s.collect(Collectors.toList())).containsExactly(text("a"), text("b"), finish("stop"));
        }
    }

    @Test
    void closingTheStreamCancelsTheUpstream() throws Exception {
        ManualPublisher upstream = new ManualPublisher();
        Stream<ResponseChunk> s = AsyncResult.from(upstream).stream();
        upstream.emitter.emit(text("first"));
        assertThat(s.iterator().next()).isEqualTo(text("first"));
        s.close();
        assertThat(upstream.stopped.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(upstream.emitter.isCancelled()).isTrue();
    }

    @Test
    void blockingIteratorReadsAheadBoundedlyAndCloseCancels() throws Exception {
        ManualPublisher upstream = new ManualPublisher();
        ChunkIterator it = AsyncResult.from(upstream).blockingIterator();
        assertThat(upstream.emitter.demand()).isEqualTo(16);
        upstream.emitter.emit(text("1"));
        upstream.emitter.emit(text("2"));
        assertThat(it.next()).isEqualTo(text("1"));
        assertThat(it.next()).isEqualTo(text("2"));
        it.close();
        it.close();
        assertThat(upstream.stopped.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blockingIteratorWrapsNonRuntimeErrors() {
        ManualPublisher upstream = new ManualPublisher();
        ChunkIterator it = AsyncResult.from(upstream).blockingIterator();
        Exception checked = new Exception("checked");
        upstream.emitter.fail(checked);
        assertThatThrownBy(it::hasNext).isInstanceOf(ProviderException.class).hasCause(checked);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void failedResultSignalsTheErrorOnSubscribe() throws Exception {
        ModelNotFoundException error = new ModelNotFoundException("nope");
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(0);
        AsyncResult.failed(error).subscribe(s);
        s.await();
        assertThat(s.subscription).isNotNull();
        assertThat(s.error).isSameAs(error);
        assertThatThrownBy(() -> AsyncResult.failed(error).text().get(5, TimeUnit.SECONDS)).hasCause(error);
        try (Stream<ResponseChunk> stream = AsyncResult.failed(error).stream()) {
            assertThatThrownBy(stream::count).isSameAs(error);
        }
        assertThatThrownBy(() -> AsyncResult.failed(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void retryProviderExceptionNamesAndSuppressesEveryCause() {
        RuntimeException a = new UpstreamConnectionException("refused");
        RuntimeException b = new RateLimitException("429");
        RetryProviderException e = RetryProviderException.of("m", List.of(java.util.Map.entry("A", a), java.util.Map.entry("B", b)));
        assertThat(e.getSuppressed()).containsExactly(a, b);
        assertThat(e.getMessage()).contains("All 2 providers for model 'm'", "A: UpstreamConnectionException: refused", "B: RateLimitException: 429");
    }
}
