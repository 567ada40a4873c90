package dev.g4j.provider.qwen25;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code coalesceText}, a subscriber that falls behind gets the text deltas merged into fewer chunks, in order,
 * with nothing lost; the server generates for about a second while the subscriber has no demand.
 */
class TextCoalescingTest {
    @Test
    void aSubscriberThatFallsBehindGetsMergedTextInOrder() throws Exception {
        String prompt = IntStream.range(0, 200).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        try (GradioSimulator sim = GradioSimulator.builder().tokenDelay(Duration.ofMillis(5)).start();
             Qwen25Provider provider = new Qwen25Provider()) {
            List<ResponseChunk> chunks = new CopyOnWriteArrayList<>();
            CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            provider.createAsyncGenerator("qwen-2.5", Messages.ofUser(prompt),
                    ProviderOptions.builder().baseUrl(sim.baseUrl()).idleTimeout(Duration.ofSeconds(10))
                            .param(Qwen25Stream.COALESCE_PARAM, true).build())
                    .subscribe(new Flow.Subscriber<>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            subscribed.complete(s);
                        }

                        @Override
                        public void onNext(ResponseChunk item) {
                            chunks.add(item);
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onComplete() {
                            done.complete(null);
                        }
                    });
            Flow.Subscription s = subscribed.get(10, TimeUnit.SECONDS);
            s.request(3); // the provider info, the queue status and the first text; then no demand until the reply is done
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sim.finishedEvents().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(sim.finishedEvents()).as("the server finished while the subscriber had no demand").hasSize(1);
            s.request(Long.MAX_VALUE);
            done.get(10, TimeUnit.SECONDS);

            List<String> texts = chunks.stream().filter(ResponseChunk.Text.class::isInstance)
                    .map(c -> ((ResponseChunk.Text) c).text()).toList();
            assertThat(String.join("", texts)).isEqualTo("You said: " + prompt);
            assertThat(texts.size()).as("text chunks for %d tokens", 201).isLessThan(201);
            assertThat(chunks.get(0)).isInstanceOf(ResponseChunk.ProviderInfo.class);
            assertThat(chunks.get(chunks.size() - 1)).isInstanceOf(ResponseChunk.Finish.class);
            assertThat(chunks).noneMatch(ResponseChunk.TextReplaced.class::isInstance);
        }
    }
}
