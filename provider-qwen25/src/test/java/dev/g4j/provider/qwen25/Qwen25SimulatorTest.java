package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.gradio.testkit.EventOutcome;
import dev.g4j.gradio.testkit.EventSummary;
import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.GradioMode;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.RecordedRequest;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.gradio.testkit.StreamClosure;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.g4j.provider.tck.ChunkRecorder;
import dev.g4j.provider.tck.LoopbackHttpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider against the Gradio simulator of the Qwen 2.5 Space, on loopback. */
class Qwen25SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Includes two equal consecutive tokens, which must arrive as two chunks. */
    private static final List<String> TOKENS = List.of("Hi", " there", "!", " ha", " ha", " Bye.");
    private static final String ANSWER = String.join("", TOKENS);
    /** Python's cleandoc (run by the Space on every message) drops the shared indentation: the last token changes it. */
    private static final List<String> INDENTED = List.of("Here:", "\n    x = 1", "\n    y = 2", "\n  z");
    private static final String INDENTED_ANSWER = "Here:\n  x = 1\n  y = 2\nz";
    private static final List<String> LONG = Collections.nCopies(200, " word");
    /** Long enough (30 tokens, 10 ms apart) that a token arriving after the end of generation means buffering. */
    private static final List<String> STREAMED = streamedTokens();

    private static final ReplyFunction REPLY = request -> switch (request.prompt()) {
        case "short" -> List.of("ok");
        case "indented" -> INDENTED;
        case "long" -> LONG;
        case "stream" -> STREAMED;
        default -> TOKENS;
    };

    private static GradioSimulator gradio4;
    private static GradioSimulator gradio5;
    private static Qwen25Provider provider;

    @BeforeAll
    static void start() {
        gradio4 = GradioSimulator.builder().mode(GradioMode.GRADIO_4).replyFunction(REPLY).tokenDelay(Duration.ofMillis(10)).start();
        gradio5 = GradioSimulator.builder().mode(GradioMode.GRADIO_5).replyFunction(REPLY).tokenDelay(Duration.ofMillis(10)).start();
        provider = new Qwen25Provider();
    }

    @AfterAll
    static void stop() {
        provider.close();
        gradio4.close();
        gradio5.close();
    }

    private static List<String> streamedTokens() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            tokens.add(i == 0 ? "t0" : " t" + i);
            if (i == 14) {
                tokens.add(" same");
                tokens.add(" same");
            }
        }
        return List.copyOf(tokens);
    }

    private static GradioSimulator sim(GradioMode mode) {
        return mode == GradioMode.GRADIO_4 ? gradio4 : gradio5;
    }

    private static ProviderOptions.Builder options(GradioSimulator sim) {
        return ProviderOptions.builder().baseUrl(sim.baseUrl()).connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(10)).totalTimeout(Duration.ofSeconds(30));
    }

    private static ChunkRecorder run(String model, Messages messages, ProviderOptions options) throws Exception {
        ChunkRecorder recorder = new ChunkRecorder(Long.MAX_VALUE);
        provider.createAsyncGenerator(model, messages, options).subscribe(recorder);
        recorder.awaitEnd(20);
        return recorder;
    }

    private static List<JsonNode> joinsSince(GradioSimulator sim, int before) throws Exception {
        List<JsonNode> joins = new ArrayList<>();
        List<RecordedRequest> all = sim.requests();
        for (RecordedRequest r : all.subList(before, all.size())) {
            if (r.path().endsWith("/queue/join")) {
                joins.add(JSON.readTree(r.body()));
            }
        }
        return joins;
    }

    @ParameterizedTest
    @EnumSource(GradioMode.class)
    void hostAppCallThroughTheRegistryReceivesEveryTokenAsProducedAndTheExactText(GradioMode mode) throws Exception {
        GradioSimulator sim = sim(mode);
        int finishedBefore = sim.finishedEvents().size();
        AtomicInteger finishedAtFirstText = new AtomicInteger(-1);
        ChunkRecorder recorder = new ChunkRecorder(Long.MAX_VALUE, chunk -> {
            if (chunk instanceof ResponseChunk.Text) {
                finishedAtFirstText.compareAndSet(-1, sim.finishedEvents().size() - finishedBefore);
            }
        });
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            AsyncResult result = registry.create("qwen-2.5", Messages.ofUser("stream"), options(sim).build());
            result.subscribe(recorder);
            assertThat(recorder.awaitEnd(20)).isNull();
        }
        assertThat(recorder.texts()).containsExactlyElementsOf(STREAMED);
        assertThat(recorder.folded()).isEqualTo(String.join("", STREAMED));
        assertThat(recorder.chunks()).contains(new ResponseChunk.ProviderInfo("Qwen_Qwen_2_5", "qwen2.5-72b-instruct"));
        assertThat(recorder.chunks().get(recorder.chunks().size() - 1)).isEqualTo(ResponseChunk.finish("stop"));
        assertThat(finishedAtFirstText.get()).as("the first token arrived while the server was still generating").isZero();
    }

    @ParameterizedTest
    @EnumSource(GradioMode.class)
    void directCallStartsWithProviderInfoAndTextReturnsTheAnswer(GradioMode mode) throws Exception {
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(sim(mode)).build());
        assertThat(recorder.done()).isCompleted();
        assertThat(recorder.chunks().get(0)).isEqualTo(new ResponseChunk.ProviderInfo("Qwen_Qwen_2_5", "qwen2.5-72b-instruct"));
        assertThat(recorder.chunks()).anyMatch(ResponseChunk.QueueStatus.class::isInstance);
        assertThat(recorder.texts()).containsExactlyElementsOf(TOKENS);
        String text = provider.createAsyncGenerator("qwen-2.5", Messages.ofUser("Hello"), options(sim(mode)).build())
                .text().get(20, TimeUnit.SECONDS);
        assertThat(text).isEqualTo(ANSWER);
    }

    @ParameterizedTest
    @EnumSource(GradioMode.class)
    void systemPromptAndHistoryReachTheSpaceNatively(GradioMode mode) throws Exception {
        GradioSimulator sim = sim(mode);
        int before = sim.requests().size();
        Messages chat = Messages.of(Message.system("Be brief."), Message.user("u1"), Message.assistant("a1"),
                Message.user("u2"), Message.user("u2b"), Message.assistant("a2"), Message.system("No emojis."),
                Message.user("Hello"));
        ChunkRecorder recorder = run("qwen-2.5-coder-7b", chat, options(sim).build());
        assertThat(recorder.done()).isCompleted();
        assertThat(recorder.folded()).isEqualTo(ANSWER);
        List<JsonNode> joins = joinsSince(sim, before);
        assertThat(joins).hasSize(1);
        JsonNode join = joins.get(0);
        assertThat(join.get("fn_index").intValue()).isEqualTo(3);
        assertThat(join.get("trigger_id").intValue()).isEqualTo(25);
        assertThat(join.get("data")).isEqualTo(JSON.readTree("""
                ["Hello", [["u1","a1"],["u2\\n\\nu2b","a2"]], "Be brief.\\nNo emojis.", "Coder-7B"]"""));
        assertThat(sim.requests().subList(before, sim.requests().size()))
                .anyMatch(r -> r.path().equals(mode.apiPrefix() + "/queue/data"));
    }

    @Test
    void everyModelSendsItsRadioValue() throws Exception {
        int before = gradio4.requests().size();
        for (String model : provider.models()) {
            ChunkRecorder recorder = run(model, Messages.ofUser("short"), options(gradio4).build());
            assertThat(recorder.folded()).isEqualTo("ok");
            assertThat(recorder.chunks().get(0)).isEqualTo(new ResponseChunk.ProviderInfo("Qwen_Qwen_2_5", model));
        }
        List<String> radios = joinsSince(gradio4, before).stream().map(j -> j.get("data").get(3).textValue()).toList();
        assertThat(radios).containsExactly("72B", "32B", "14B", "7B", "3B", "1.5B", "0.5B", "Math-72B", "Math-7B",
                "Math-1.5B", "Coder-7B", "Coder-1.5B");
    }

    @Test
    void failureWithoutMessageSaysTheSpaceGaveNoDetails() throws Exception {
        gradio4.nextFaults(Fault.failAfter(1));
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).build());
        assertThat(recorder.awaitEnd(1)).isInstanceOf(RemoteProcessException.class)
                .hasMessageContaining("no reason").hasMessageContaining("show_error").hasMessageContaining("retry later")
                .hasMessageContaining("qwen2.5-72b-instruct");
        assertThat(recorder.texts()).containsExactly("Hi");
    }

    @Test
    void failureWithMessageCarriesIt() throws Exception {
        gradio4.nextFaults(Fault.failAfter(0, "Model busy"));
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).build());
        assertThat(recorder.awaitEnd(1)).isInstanceOf(RemoteProcessException.class).hasMessageContaining("Model busy");
    }

    @Test
    void queueFullIsARateLimit() throws Exception {
        gradio4.nextFaults(Fault.queueFull());
        Throwable error = run(null, Messages.ofUser("Hello"), options(gradio4).build()).awaitEnd(1);
        assertThat(error).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) error).status()).isEqualTo(503);
    }

    @Test
    void joinInternalErrorIsAResponseStatus() throws Exception {
        gradio4.nextFaults(Fault.joinInternalError());
        Throwable error = run(null, Messages.ofUser("Hello"), options(gradio4).build()).awaitEnd(1);
        assertThat(error).isInstanceOf(ResponseStatusException.class).isNotInstanceOf(RateLimitException.class);
        assertThat(((ResponseStatusException) error).status()).isEqualTo(500);
        int before = gradio4.requests().size();
        assertThat(run(null, Messages.ofUser("short"), options(gradio4).build()).folded()).isEqualTo("ok");
        assertThat(gradio4.requests().subList(before, gradio4.requests().size()))
                .as("a failed join makes the next request read /config again").anyMatch(r -> r.path().equals("/config"));
    }

    @Test
    void droppedConnectionIsAConnectionFailure() throws Exception {
        gradio4.nextFaults(Fault.dropAfter(2));
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).build());
        assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamConnectionException.class);
        assertThat(recorder.texts()).containsExactly("Hi", " there");
    }

    @Test
    void stallEndsWithAnIdleTimeoutWithinTheIdleLimit() throws Exception {
        gradio4.nextFaults(Fault.stallAfter(1));
        Duration idle = Duration.ofMillis(500);
        long start = System.nanoTime();
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).idleTimeout(idle).build());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        Throwable error = recorder.awaitEnd(1);
        assertThat(error).isInstanceOf(ProviderTimeoutException.class);
        assertThat(((ProviderTimeoutException) error).kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertThat(elapsedMs).isBetween(idle.toMillis(), idle.toMillis() + 3_000);
        assertThat(recorder.texts()).containsExactly("Hi");
    }

    @Test
    void totalTimeoutEndsALongRequest() throws Exception {
        gradio4.nextFaults(Fault.stallAfter(1));
        Duration total = Duration.ofMillis(600);
        long start = System.nanoTime();
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).totalTimeout(total).build());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        Throwable error = recorder.awaitEnd(1);
        assertThat(error).isInstanceOf(ProviderTimeoutException.class);
        assertThat(((ProviderTimeoutException) error).kind()).isEqualTo(ProviderTimeoutException.Kind.TOTAL);
        assertThat(elapsedMs).isLessThan(total.toMillis() + 3_000);
    }

    @ParameterizedTest
    @EnumSource(GradioMode.class)
    void cleandocRewriteBecomesTextReplacedAndTheFinalTextIsExact(GradioMode mode) throws Exception {
        ChunkRecorder recorder = run(null, Messages.ofUser("indented"), options(sim(mode)).build());
        assertThat(recorder.done()).isCompleted();
        assertThat(recorder.texts()).containsExactly("Here:", "\nx = 1", "\ny = 2");
        assertThat(recorder.chunks()).contains(ResponseChunk.replaced(INDENTED_ANSWER));
        assertThat(recorder.folded()).isEqualTo(INDENTED_ANSWER);
        String text = provider.createAsyncGenerator(null, Messages.ofUser("indented"), options(sim(mode)).build())
                .text().get(20, TimeUnit.SECONDS);
        assertThat(text).isEqualTo(INDENTED_ANSWER);
    }

    @Test
    void queuePositionBecomesQueueStatusChunks() throws Exception {
        gradio4.nextFaults(Fault.queued(2, Duration.ofMillis(30)));
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).build());
        assertThat(recorder.done()).isCompleted();
        List<Integer> ranks = recorder.chunks().stream().filter(ResponseChunk.QueueStatus.class::isInstance)
                .map(c -> ((ResponseChunk.QueueStatus) c).rank()).toList();
        assertThat(ranks).containsSubsequence(2, 1, 0);
        assertThat(recorder.folded()).isEqualTo(ANSWER);
    }

    @Test
    void oversizedEventIsAProtocolError() throws Exception {
        gradio4.nextFaults(Fault.oversized(1, 200_000));
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"),
                options(gradio4).param("maxEventBytes", 64 * 1024).build());
        assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamProtocolException.class);
    }

    @Test
    void malformedJsonIsAProtocolError() throws Exception {
        gradio4.nextFaults(Fault.malformedLine(1));
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).build());
        assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamProtocolException.class);
    }

    @Test
    void duplicatedLastChunkAddsNothing() throws Exception {
        gradio4.nextFaults(Fault.duplicateLastChunk());
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).build());
        assertThat(recorder.done()).isCompleted();
        assertThat(recorder.texts()).containsExactlyElementsOf(TOKENS);
    }

    @Test
    void serverStopAndLostSessionAreRemoteFailures() throws Exception {
        gradio4.nextFaults(Fault.serverStopFlood(1));
        assertThat(run(null, Messages.ofUser("Hello"), options(gradio4).build()).awaitEnd(1))
                .isInstanceOf(RemoteProcessException.class);
        gradio4.nextFaults(Fault.sessionNotFound());
        assertThat(run(null, Messages.ofUser("Hello"), options(gradio4).build()).awaitEnd(1))
                .isInstanceOf(RemoteProcessException.class);
    }

    @Test
    void cancelClosesTheStreamAndStopsTheGeneration() throws Exception {
        while (gradio4.awaitDisconnect(Duration.ZERO).isPresent()) {
            // forget the disconnects of earlier tests (timeouts close the stream too)
        }
        int finishedBefore = gradio4.finishedEvents().size();
        ChunkRecorder recorder = new ChunkRecorder(Long.MAX_VALUE).cancellingOnFirstText();
        provider.createAsyncGenerator(null, Messages.ofUser("long"), options(gradio4).build()).subscribe(recorder);
        // The Gradio client posts /cancel and closes the stream; depending on which the server handles first, it
        // records a client disconnect or a cancelled event. Either way the generation stops and no stream stays open.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Optional<StreamClosure> closure = Optional.empty();
        List<EventSummary> ended = List.of();
        while (System.nanoTime() < deadline && closure.isEmpty() && !(ended.size() > 0 && gradio4.openStreams() == 0)) {
            closure = gradio4.awaitDisconnect(Duration.ofMillis(50));
            List<EventSummary> all = gradio4.finishedEvents();
            ended = all.subList(finishedBefore, all.size());
        }
        if (closure.isPresent()) {
            assertThat(closure.get().byClient()).isTrue();
            assertThat(closure.get().stoppedEventIds()).hasSize(1);
        } else {
            assertThat(ended).singleElement().extracting(EventSummary::outcome)
                    .isIn(EventOutcome.CANCELLED, EventOutcome.STOPPED_BY_DISCONNECT);
            assertThat(gradio4.openStreams()).isZero();
        }
        EventSummary summary = gradio4.awaitEvent(firstNonNull(closure, ended), Duration.ofSeconds(10)).orElseThrow();
        assertThat(summary.outcome()).isIn(EventOutcome.CANCELLED, EventOutcome.STOPPED_BY_DISCONNECT);
        assertThat(summary.tokensYielded()).isLessThan(LONG.size());
        assertThat(recorder.texts()).hasSize(1);
        assertThat(recorder.done()).isNotDone();
    }

    private static String firstNonNull(Optional<StreamClosure> closure, List<EventSummary> ended) {
        return closure.map(c -> c.stoppedEventIds().get(0)).orElseGet(() -> ended.get(0).eventId());
    }

    @Test
    void backPressureDeliversOneChunkPerRequest() throws Exception {
        ChunkRecorder recorder = new ChunkRecorder(1);
        provider.createAsyncGenerator(null, Messages.ofUser("Hello"), options(gradio4).build()).subscribe(recorder);
        assertThat(recorder.arrivals().poll(10, TimeUnit.SECONDS)).isInstanceOf(ResponseChunk.ProviderInfo.class);
        assertThat(recorder.arrivals().poll(300, TimeUnit.MILLISECONDS)).as("nothing without demand").isNull();
        for (int i = 0; i < 3; i++) {
            recorder.subscription().request(1);
            assertThat(recorder.arrivals().poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(recorder.arrivals().poll(200, TimeUnit.MILLISECONDS)).as("one chunk per request(1)").isNull();
        }
        recorder.subscription().request(Long.MAX_VALUE);
        assertThat(recorder.awaitEnd(20)).isNull();
        assertThat(recorder.folded()).isEqualTo(ANSWER);
    }

    @Test
    void proxyCarriesEveryRequest() throws Exception {
        try (LoopbackHttpProxy proxy = new LoopbackHttpProxy()) {
            ChunkRecorder recorder = run(null, Messages.ofUser("Hello"),
                    options(gradio4).proxy("http://127.0.0.1:" + proxy.port()).build());
            assertThat(recorder.awaitEnd(1)).isNull();
            assertThat(recorder.folded()).isEqualTo(ANSWER);
            assertThat(proxy.requestLines()).isNotEmpty();
            assertThat(String.join("\n", proxy.requestLines())).contains("127.0.0.1:" + gradio4.port());
        }
    }

    @Test
    void unreadableConfigFallsBackToThePublishedIds() throws Exception {
        int before = gradio4.requests().size();
        try (ConfigBreakingFront front = new ConfigBreakingFront(gradio4.port())) {
            ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), options(gradio4).baseUrl(front.baseUrl()).build());
            assertThat(recorder.awaitEnd(1)).isNull();
            assertThat(recorder.folded()).isEqualTo(ANSWER);
        }
        List<JsonNode> joins = joinsSince(gradio4, before);
        assertThat(joins).hasSize(1);
        assertThat(joins.get(0).get("fn_index").intValue()).isEqualTo(3);
        assertThat(joins.get(0).get("trigger_id").intValue()).isEqualTo(25);
        assertThat(gradio4.requests().subList(before, gradio4.requests().size())).noneMatch(r -> r.path().equals("/config"));
    }

    @Test
    void hfTokenIsSentAsABearerToken() throws Exception {
        int before = gradio4.requests().size();
        ChunkRecorder recorder = run(null, Messages.ofUser("short"), options(gradio4).param("hf_token", "hf_test_secret").build());
        assertThat(recorder.awaitEnd(1)).isNull();
        List<RecordedRequest> sent = gradio4.requests().subList(before, gradio4.requests().size());
        assertThat(sent).filteredOn(r -> r.path().equals("/config") || r.path().equals("/queue/join"))
                .hasSize(2)
                .allMatch(r -> r.header("authorization").orElse("").equals("Bearer hf_test_secret"));
    }

    @Test
    void concurrentRequestsOfOneProviderStayApart() throws Exception {
        var first = provider.createAsyncGenerator(null, Messages.ofUser("stream"), options(gradio4).build()).text();
        var second = provider.createAsyncGenerator(null, Messages.ofUser("Hello"), options(gradio5).build()).text();
        var third = provider.createAsyncGenerator(null, Messages.ofUser("short"), options(gradio4).build()).text();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(String.join("", STREAMED));
        assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(ANSWER);
        assertThat(third.get(20, TimeUnit.SECONDS)).isEqualTo("ok");
    }

    @Test
    void unreachableBaseUrlFailsWithinTheConnectTimeoutNamingTheHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Duration connect = Duration.ofSeconds(2);
        long start = System.nanoTime();
        ChunkRecorder recorder = run(null, Messages.ofUser("Hello"), ProviderOptions.builder()
                .baseUrl("http://127.0.0.1:" + port).connectTimeout(connect).build());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(recorder.awaitEnd(1)).isInstanceOf(UpstreamConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(elapsedMs).isLessThan(connect.toMillis() + 1_000);
    }
}
