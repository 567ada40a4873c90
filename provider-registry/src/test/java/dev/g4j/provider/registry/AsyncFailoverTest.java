package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.flow.ChunkEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Failover with upstreams that signal on their own threads. */
class AsyncFailoverTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Emits {@code count} numbered text chunks, one per request, each from a pool thread; then fails or completes. */
    private AsyncResult asyncUpstream(int count, RuntimeException failure) {
        return AsyncResult.from((Flow.Subscriber<? super ResponseChunk> subscriber) -> {
            AtomicInteger next = new AtomicInteger();
            AtomicReference<ChunkEmitter<ResponseChunk>> holder = new AtomicReference<>();
            holder.set(new ChunkEmitter<>(subscriber, new ChunkEmitter.Listener() {
                @Override
                public void onReady() {
                    pool.execute(() -> {
                        int i = next.getAndIncrement();
                        if (i < count) {
                            holder.get().emit(ResponseChunk.text(i + ","));
                        } else if (failure != null) {
                            holder.get().fail(failure);
                        } else {
                            holder.get().complete();
                        }
                    });
                }

                @Override
                public void onStop() {
                }
            }));
            holder.get().start();
        });
    }

    @Test
    void failsOverAcrossThreadsWithoutLosingOrDuplicatingText() throws Exception {
        ScriptedProvider first = new ScriptedProvider("First", true, "m", List.of("m"), Map.of(),
                model -> asyncUpstream(0, new RateLimitException("429")));
        ScriptedProvider second = new ScriptedProvider("Second", true, "m", List.of("m"), Map.of(),
                model -> asyncUpstream(500, null));
        ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(first).add(second).build();
        String expected = IntStream.range(0, 500).mapToObj(i -> i + ",").collect(Collectors.joining());
        assertThat(registry.create("m", Messages.ofUser("q")).text().get(20, TimeUnit.SECONDS)).isEqualTo(expected);
        try (var chunks = registry.create("m", Messages.ofUser("q")).stream()) {
            List<ResponseChunk> all = chunks.collect(Collectors.toList());
            assertThat(all.subList(0, 2)).containsExactly(ResponseChunk.providerInfo("First", "m"), ResponseChunk.providerInfo("Second", "m"));
            assertThat(all).hasSize(502);
        }
    }
}
