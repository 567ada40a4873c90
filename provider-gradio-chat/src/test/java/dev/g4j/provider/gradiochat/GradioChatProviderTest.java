package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.gradiochat.spaces.Qwen2Instruct72BProvider;
import dev.g4j.provider.gradiochat.spaces.Qwen3DemoProvider;
import dev.g4j.provider.tck.ChunkRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec providers (the two Space specs and hand-written specs) against simulated apps on loopback, with faults. */
@Timeout(60)
class GradioChatProviderTest {
    private static final List<String> TOKENS = List.of("Fine", ",", " thanks", " thanks", "!");
    private static final List<ChatRequest> SEEN = new CopyOnWriteArrayList<>();
    private static GradioSimulator qwen2;
    private static GradioSimulator qwen3;
    private static Qwen2Instruct72BProvider qwen2Provider;
    private static Qwen3DemoProvider qwen3Provider;

    @BeforeAll
    static void start() {
        qwen2 = GradioSimulator.builder().app(SimulatedApp.qwen2_72b()).tokenDelay(Duration.ofMillis(2))
                .replyFunction(r -> {
                    SEEN.add(r);
                    return TOKENS;
                }).start();
        qwen3 = GradioSimulator.builder().app(SimulatedApp.qwen3Demo()).tokenDelay(Duration.ofMillis(2))
                .replyFunction(r -> {
                    SEEN.add(r);
                    return TOKENS;
                }).start();
        qwen2Provider = new Qwen2Instruct72BProvider();
        qwen3Provider = new Qwen3DemoProvider();
    }

    @AfterAll
    static void stop() {
        qwen2Provider.close();
        qwen3Provider.close();
        qwen2.close();
        qwen3.close();
    }

    private static ProviderOptions.Builder options(GradioSimulator sim) {
        return ProviderOptions.builder().baseUrl(sim.baseUrl()).connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(10)).totalTimeout(Duration.ofSeconds(30));
    }

    private static ChunkRecorder run(GradioChatProvider provider, String model, Messages messages, ProviderOptions options)
            throws Exception {
        ChunkRecorder recorder = new ChunkRecorder(Long.MAX_VALUE);
        provider.createAsyncGenerator(model, messages, options).subscribe(recorder);
        recorder.awaitEnd(20);
        return recorder;
    }

    @Test
    void theSpaceSpecsDescribeThemselvesWithoutIoAndStayOutOfDefaultChains() {
        assertThat(qwen2Provider.name()).isEqualTo("Qwen_Qwen_2_72B");
        assertThat(qwen2Provider.getModel("qwen-2-72b")).isEqualTo("qwen-qwen2-72b-instruct");
        assertThat(qwen2Provider.working()).isFalse();
        assertThat(qwen3Provider.name()).isEqualTo("Qwen_Qwen_3");
        assertThat(qwen3Provider.defaultModel()).isEqualTo("qwen3-235b-a22b");
        assertThat(qwen3Provider.models()).hasSize(8).contains("qwen3-0.6b");
        assertThat(qwen3Provider.working()).isFalse();
        assertThat(qwen3Provider.url()).isEqualTo("https://qwen-qwen3-demo.hf.space");
    }

    @Test
    void qwen2StreamsEveryTokenAndSendsNativeHistoryAndSystem() throws Exception {
        SEEN.clear();
        Messages chat = Messages.of(Message.system("Be kind."), Message.user("Hi"), Message.assistant("Hello"),
                Message.user("How are you?"));
        ChunkRecorder recorder = run(qwen2Provider, "qwen-2-72b", chat, options(qwen2).build());
        assertThat(recorder.awaitEnd(1)).isNull();
        assertThat(recorder.chunks().get(0)).isEqualTo(new ResponseChunk.ProviderInfo("Qwen_Qwen_2_72B", "qwen-qwen2-72b-instruct"));
        assertThat(recorder.texts()).containsExactlyElementsOf(TOKENS);
        assertThat(recorder.chunks()).last().isEqualTo(ResponseChunk.finish("stop"));
        assertThat(SEEN.get(0).prompt()).isEqualTo("How are you?");
        assertThat(SEEN.get(0).system()).isEqualTo("Be kind.");
        assertThat(SEEN.get(0).history()).hasSize(1);
    }

    @Test
    void qwen3SeparatesReasoningFromTheAnswerAndFlattensHistoryWithANotice() throws Exception {
        SEEN.clear();
        Messages chat = Messages.of(Message.user("Hi"), Message.assistant("Hello"), Message.user("How are you?"));
        ChunkRecorder recorder = run(qwen3Provider, "qwen3-8b", chat, options(qwen3).build());
        assertThat(recorder.awaitEnd(1)).isNull();
        assertThat(recorder.folded()).isEqualTo("Fine, thanks thanks!");
        String reasoning = recorder.chunks().stream().filter(ResponseChunk.Reasoning.class::isInstance)
                .map(c -> ((ResponseChunk.Reasoning) c).text()).reduce("", String::concat);
        assertThat(reasoning).startsWith("Thinking about:");
        assertThat(recorder.chunks()).anyMatch(c -> c instanceof ResponseChunk.Notice n && n.message().contains("inside the prompt"));
        assertThat(SEEN.get(0).model()).isEqualTo("qwen3-8b");
        assertThat(SEEN.get(0).prompt()).isEqualTo("User: Hi\nAssistant: Hello\nUser: How are you?\nAssistant:");
    }

    @Test
    void aSlowSubscriberGetsTheTextMergedInOrder() throws Exception {
        ChunkRecorder recorder = new ChunkRecorder(1);
        qwen2Provider.createAsyncGenerator(null, Messages.ofUser("Hi"), options(qwen2).build()).subscribe(recorder);
        // behind: only the ProviderInfo was asked for; wait until the app has sent the whole answer
        int finished = qwen2.finishedEvents().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (qwen2.finishedEvents().size() == finished && System.nanoTime() < deadline) {
            ResponseChunk early = recorder.arrivals().poll(20, TimeUnit.MILLISECONDS);
            assertThat(early == null || !(early instanceof ResponseChunk.Text)).as("no text before it is asked for").isTrue();
        }
        recorder.subscription().request(Long.MAX_VALUE);
        assertThat(recorder.awaitEnd(20)).isNull();
        assertThat(recorder.texts()).hasSizeLessThan(TOKENS.size());
        assertThat(recorder.folded()).isEqualTo(String.join("", TOKENS));
        assertThat(recorder.chunks()).last().isEqualTo(ResponseChunk.finish("stop"));
    }

    @Test
    void queueFullIsARateLimit() throws Exception {
        qwen2.nextFaults(Fault.queueFull());
        Throwable error = run(qwen2Provider, null, Messages.ofUser("Hi"), options(qwen2).build()).awaitEnd(1);
        assertThat(error).isInstanceOf(RateLimitException.class);
    }

    @Test
    void anErrorBeforeTextAndAfterTextIsARemoteFailureWithAdvice() throws Exception {
        qwen2.nextFaults(Fault.failAfter(0, "Model busy"));
        ChunkRecorder before = run(qwen2Provider, null, Messages.ofUser("Hi"), options(qwen2).build());
        assertThat(before.awaitEnd(1)).isInstanceOf(RemoteProcessException.class).hasMessageContaining("Model busy")
                .hasMessageContaining("retry later").hasMessageContaining("qwen-qwen2-72b-instruct");
        assertThat(before.texts()).isEmpty();
        qwen2.nextFaults(Fault.failAfter(2));
        ChunkRecorder after = run(qwen2Provider, null, Messages.ofUser("Hi"), options(qwen2).build());
        assertThat(after.awaitEnd(1)).isInstanceOf(RemoteProcessException.class);
        assertThat(after.texts()).containsExactly("Fine", ",");
    }

    @Test
    void aDroppedConnectionIsAConnectionFailureAfterTheTextSoFar() throws Exception {
        qwen3.nextFaults(Fault.dropAfter(2));
        ChunkRecorder recorder = run(qwen3Provider, null, Messages.ofUser("Hi"), options(qwen3).build());
        assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamConnectionException.class);
        assertThat(recorder.folded()).isEqualTo("Fine,");
    }

    @Test
    void aStallEndsWithAnIdleTimeout() throws Exception {
        qwen2.nextFaults(Fault.stallAfter(1));
        ChunkRecorder recorder = run(qwen2Provider, null, Messages.ofUser("Hi"),
                options(qwen2).idleTimeout(Duration.ofMillis(400)).build());
        Throwable error = recorder.awaitEnd(1);
        assertThat(error).isInstanceOf(ProviderTimeoutException.class);
        assertThat(((ProviderTimeoutException) error).kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertThat(recorder.texts()).containsExactly("Fine");
    }

    @Test
    void cancellingClosesTheStreamOnTheServer() throws Exception {
        GradioSimulator slow = GradioSimulator.builder().app(SimulatedApp.qwen2_72b()).tokenDelay(Duration.ofMillis(200))
                .replyFunction(r -> List.of("a", "b", "c", "d", "e", "f", "g", "h")).start();
        try (slow; Qwen2Instruct72BProvider provider = new Qwen2Instruct72BProvider()) {
            ChunkRecorder recorder = new ChunkRecorder(Long.MAX_VALUE).cancellingOnFirstText();
            provider.createAsyncGenerator(null, Messages.ofUser("Hi"), options(slow).build()).subscribe(recorder);
            // the client posts /cancel and closes the stream: the server records a disconnect or a cancelled event
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean stopped = false;
            while (!stopped && System.nanoTime() < deadline) {
                stopped = slow.awaitDisconnect(Duration.ofMillis(50)).isPresent()
                        || !slow.finishedEvents().isEmpty() && slow.openStreams() == 0;
            }
            assertThat(stopped).as("the generation stopped on the server").isTrue();
            assertThat(slow.finishedEvents()).noneMatch(e -> e.outcome() == dev.g4j.gradio.testkit.EventOutcome.COMPLETED);
            assertThat(recorder.texts()).containsExactly("a");
        }
    }

    @Test
    void anOutputInAnotherShapeThanTheSpecSaysFailsNamingItInsteadOfAnEmptySuccess() throws Exception {
        // the Qwen 2.5 shape read as plain tuples: bot messages are dicts, not strings
        GradioChatSpec wrong = GradioChatSpec.builder("Wrong").url(URI.create("http://127.0.0.1:1")).apiName("model_chat")
                .inputs(InputSlot.prompt(), InputSlot.history(), InputSlot.systemPrompt("s"), InputSlot.constant(
                        com.fasterxml.jackson.databind.node.TextNode.valueOf("72B")))
                .format(ChatFormat.TUPLES).chatbotOutput(1).build();
        try (GradioSimulator sim = GradioSimulator.builder().app(SimulatedApp.qwen25()).tokenDelay(Duration.ZERO).start();
             GradioChatProvider provider = new GradioChatProvider(wrong)) {
            ChunkRecorder recorder = run(provider, null, Messages.ofUser("Hi"), options(sim).build());
            assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamProtocolException.class)
                    .hasMessageContaining("Output 1").hasMessageContaining("TUPLES");
        }
    }
}
