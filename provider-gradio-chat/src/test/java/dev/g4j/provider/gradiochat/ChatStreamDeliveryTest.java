package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.gradiochat.spaces.Qwen2Instruct72BProvider;
import dev.g4j.provider.tck.ChunkRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunks reach subscribers of every pace intact: one that asks inside onNext, one that reads a chunk at a time
 * while the app streams ahead (its waiting text merges), and one that sees the app fail after some text.
 */
@Timeout(60)
class ChatStreamDeliveryTest {
    private static final List<String> TOKENS = tokens(60);
    private static GradioSimulator sim;
    private static GradioSimulator failing;
    private static Qwen2Instruct72BProvider provider;

    private static List<String> tokens(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add((i % 3 == 0 ? "\u4f60" : "w") + i + ",");
        }
        return t;
    }

    @BeforeAll
    static void start() {
        sim = GradioSimulator.builder().app(SimulatedApp.qwen2_72b()).tokenDelay(Duration.ZERO).replyFunction(r -> TOKENS)
                .start();
        failing = GradioSimulator.builder().app(SimulatedApp.qwen2_72b()).tokenDelay(Duration.ZERO).replyFunction(r -> TOKENS)
                .faults(Fault.failAfter(10, "boom")).start();
        provider = new Qwen2Instruct72BProvider();
    }

    @AfterAll
    static void stop() {
        provider.close();
        sim.close();
        failing.close();
    }

    private static ProviderOptions options(GradioSimulator s) {
        return ProviderOptions.builder().baseUrl(s.baseUrl()).connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(10)).totalTimeout(Duration.ofSeconds(30)).build();
    }

    /** ProviderInfo first, status chunks, then only texts, and exactly one Finish at the end. */
    private static void assertWholeReply(ChunkRecorder r) {
        List<ResponseChunk> chunks = r.chunks();
        assertThat(chunks.get(0)).isInstanceOf(ResponseChunk.ProviderInfo.class);
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOf(ResponseChunk.Finish.class);
        int firstText = 0;
        while (!(chunks.get(firstText) instanceof ResponseChunk.Text)) {
            firstText++;
        }
        assertThat(chunks.subList(firstText, chunks.size() - 1)).allMatch(ResponseChunk.Text.class::isInstance);
        assertThat(r.folded()).isEqualTo(String.join("", TOKENS));
    }

    @Test
    void aSubscriberAskingForOneMoreInsideOnNextGetsEveryTokenOnce() throws Exception {
        AtomicReference<ChunkRecorder> self = new AtomicReference<>();
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger reentered = new AtomicInteger();
        ChunkRecorder r = new ChunkRecorder(1, c -> {
            if (depth.incrementAndGet() > 1) {
                reentered.incrementAndGet();
            }
            self.get().subscription().request(1);
            depth.decrementAndGet();
        });
        self.set(r);
        provider.createAsyncGenerator(null, Messages.ofUser("Hi"), options(sim)).subscribe(r);
        assertThat(r.awaitEnd(20)).isNull();
        assertWholeReply(r);
        assertThat(reentered.get()).isZero();
        assertThat(r.texts()).hasSize(TOKENS.size());
    }

    @Test
    void aSubscriberReadingOneChunkAtATimeGetsTheWholeReplyInOrder() throws Exception {
        ChunkRecorder r = new ChunkRecorder(1);
        provider.createAsyncGenerator(null, Messages.ofUser("Hi"), options(sim)).subscribe(r);
        while (true) {
            ResponseChunk c = r.arrivals().poll(10, TimeUnit.SECONDS);
            assertThat(c).as("a chunk within 10 s").isNotNull();
            if (c instanceof ResponseChunk.Finish) {
                break;
            }
            r.subscription().request(1);
        }
        assertThat(r.awaitEnd(10)).isNull();
        assertWholeReply(r);
        assertThat(r.texts()).hasSizeLessThanOrEqualTo(TOKENS.size()).allMatch(t -> !t.isEmpty());
    }

    @Test
    void aFailureAfterSomeTextEndsTheStreamOnceAfterThatText() throws Exception {
        ChunkRecorder r = new ChunkRecorder(Long.MAX_VALUE);
        provider.createAsyncGenerator(null, Messages.ofUser("Hi"), options(failing)).subscribe(r);
        assertThat(r.awaitEnd(20)).isInstanceOf(RemoteProcessException.class);
        assertThat(r.chunks()).noneMatch(ResponseChunk.Finish.class::isInstance);
        assertThat(r.folded()).isEqualTo(String.join("", TOKENS.subList(0, 10)));
    }
}
