package dev.g4j.provider.qwen25.soak;

import dev.g4j.gradio.testkit.EventOutcome;
import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.FaultPlan;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.qwen25.Qwen25Provider;
import dev.g4j.provider.tck.ChunkRecorder;
import dev.g4j.provider.api.UpstreamProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Found by the soak: a slow consumer's event stream is paused while the server has already ended the HTTP response,
 * so Vert.x returns its keep-alive connection to the pool before the last events are read. When the slow consumer
 * finally reads them, its call ends and the session closed "its" stream's connection, which by then carried another
 * request, killing that unrelated stream with "Connection was closed".
 */
class PooledConnectionReuseTest {
    private static final int OTHERS = 6;

    /** How the slow stream ends once it reads on. */
    enum SlowEnd { COMPLETES, MALFORMED_LINE_NEAR_THE_END }

    @ParameterizedTest
    @EnumSource(SlowEnd.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void finishingASlowStreamNeverClosesAConnectionNowUsedByAnotherStream(SlowEnd end) throws Exception {
        List<String> many = new ArrayList<>(List.of("word"));
        many.addAll(Collections.nCopies(13, " word"));
        try (GradioSimulator sim = GradioSimulator.builder().tokenDelay(Duration.ZERO)
                .replyFunction(r -> r.prompt().equals("many") ? many : ReplyFunction.echo().reply(r)).start();
             Qwen25Provider provider = new Qwen25Provider()) {
            ProviderOptions options = ProviderOptions.builder().baseUrl(sim.baseUrl()).idleTimeout(Duration.ofSeconds(20))
                    .totalTimeout(Duration.ofSeconds(40)).build();
            // the slow stream: reads one chunk, then nothing until the server has long finished
            if (end == SlowEnd.MALFORMED_LINE_NEAR_THE_END) {
                sim.nextFaults(Fault.malformedLine(12));
            }
            ChunkRecorder slow = new ChunkRecorder(1);
            provider.createAsyncGenerator(null, Messages.ofUser("many"), options).subscribe(slow);
            assertThat(slow.arrivals().poll(10, TimeUnit.SECONDS)).isNotNull();
            Await.awaitCondition(() -> sim.finishedEvents().size() == 1 && sim.openStreams() == 0, Duration.ofSeconds(10),
                    "the server finished the slow stream's event and response");
            assertThat(sim.finishedEvents().get(0).outcome()).isEqualTo(EventOutcome.COMPLETED);

            // other streams that stall after one token: their connections stay busy, some of them pooled ones
            sim.faultSelector(join -> FaultPlan.of(Fault.stallAfter(1)));
            List<ChunkRecorder> others = new ArrayList<>();
            for (int i = 0; i < OTHERS; i++) {
                ChunkRecorder m = new ChunkRecorder(Long.MAX_VALUE);
                others.add(m);
                provider.createAsyncGenerator(null, Messages.ofUser("other " + i), options).subscribe(m);
            }
            for (ChunkRecorder m : others) {
                assertThat(firstText(m, Duration.ofSeconds(10))).as("each other stream got its first token").isTrue();
            }

            slow.subscription().request(Long.MAX_VALUE);
            if (end == SlowEnd.COMPLETES) {
                assertThat(slow.done().get(10, TimeUnit.SECONDS)).isNull();
                assertThat(String.join("", slow.texts())).isEqualTo(String.join("", many));
            } else {
                assertThatThrownBy(() -> slow.done().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(UpstreamProtocolException.class);
            }

            // nothing may end the stalled streams now (their idle limit is 20 s): wait a while for a wrong end
            CompletableFuture<Object> anyEnded = CompletableFuture.anyOf(others.stream().map(ChunkRecorder::done).toArray(CompletableFuture[]::new));
            assertThatThrownBy(() -> anyEnded.get(1500, TimeUnit.MILLISECONDS))
                    .as("a stalled stream ended right after the slow stream finished: %s", others.stream()
                            .filter(m -> m.done().isDone()).map(m -> m.done().handle((v, e) -> String.valueOf(e)).join()).toList())
                    .isInstanceOf(TimeoutException.class);
            others.forEach(m -> m.subscription().cancel());
            Await.awaitCondition(() -> sim.openStreams() == 0, Duration.ofSeconds(10), "the cancelled streams are closed");
        }
    }

    /** Takes the recorder's chunks as they arrive until a text comes, for at most {@code limit}. */
    private static boolean firstText(ChunkRecorder recorder, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long left = limit.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            ResponseChunk chunk = recorder.arrivals().poll(left, TimeUnit.NANOSECONDS);
            if (chunk == null) {
                return false;
            }
            if (chunk instanceof ResponseChunk.Text) {
                return true;
            }
        }
        return false;
    }
}
