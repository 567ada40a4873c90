package dev.g4j.langchain4j;

import dev.g4j.gradio.testkit.EventOutcome;
import dev.g4j.gradio.testkit.EventSummary;
import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AiServices over the Qwen 2.5 provider, found by {@code ProviderRegistry.load()} and pointed at the Gradio
 * simulator on loopback. The models own their registry here, so closing them must release every thread.
 */
class G4jLangChain4jSimulatorTest {
    private static final List<String> TOKENS = List.of("Hi", " there", ",", " friend.");
    private static final ReplyFunction REPLY = request -> switch (request.prompt()) {
        case "long" -> java.util.Collections.nCopies(2000, " word");
        default -> TOKENS;
    };
    private static final String MODEL = "Qwen_Qwen_2_5:";

    private static GradioSimulator simulator;

    interface Assistant {
        @SystemMessage("You are terse.")
        String answer(String question);

        TokenStream stream(String question);
    }

    @BeforeAll
    static void start() {
        simulator = GradioSimulator.builder().replyFunction(REPLY).tokenDelay(Duration.ofMillis(2)).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static ProviderOptions options() {
        return ProviderOptions.builder().baseUrl(simulator.baseUrl()).connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(10)).totalTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * The threads alive now that were not in {@code before}, after giving each up to 5 s to end: Netty's global
     * event executor, which runs the last steps of a close, quits by itself after a second of quiet.
     */
    private static Set<Thread> threadsLeftAlive(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<Thread> left = liveThreads();
        left.removeAll(before);
        for (Thread thread : left) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis > 0) {
                thread.join(remainingMillis);
            }
        }
        left.removeIf(thread -> !thread.isAlive());
        return left;
    }

    /** Live threads, without the JDK's shared ones (CompletableFuture's delay scheduler, the common pool). */
    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().equals("CompletableFutureDelayScheduler")
                        && !t.getName().startsWith("ForkJoinPool.commonPool-"))
                .collect(Collectors.toSet());
    }

    @Test
    void anAiServiceAnswersAndStreamsAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = liveThreads();
        G4jChatModel chat = G4jChatModel.builder().model(MODEL).options(options()).build();
        G4jStreamingChatModel streaming = G4jStreamingChatModel.builder().model(MODEL).options(options()).build();
        try {
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(chat).streamingChatModel(streaming).build();

            assertThat(assistant.answer("Hello?")).isEqualTo("Hi there, friend.");

            List<String> partials = new CopyOnWriteArrayList<>();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            assistant.stream("Hello?").onPartialResponse(partials::add).onCompleteResponse(done::complete)
                    .onError(done::completeExceptionally).start();
            ChatResponse response = done.get(20, TimeUnit.SECONDS);

            assertThat(partials).containsExactlyElementsOf(TOKENS);
            assertThat(response.aiMessage().text()).isEqualTo("Hi there, friend.");
            assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.modelName()).startsWith("Qwen_Qwen_2_5:");
            Set<Thread> started = liveThreads();
            started.removeAll(before);
            assertThat(started).as("the provider's event loop runs while the models are open").isNotEmpty();
        } finally {
            chat.close();
            streaming.close();
        }
        assertThat(simulator.openStreams()).isZero();
        Set<Thread> leaked = threadsLeftAlive(before);
        assertThat(leaked).as("threads the models started and left alive after close").isEmpty();
    }

    @Test
    void aRemoteFailureReachesTheCallerTypedWithOurMessage() throws Exception {
        try (G4jChatModel chat = G4jChatModel.builder().model(MODEL).options(options()).build();
             G4jStreamingChatModel streaming = G4jStreamingChatModel.builder().model(MODEL).options(options()).build()) {
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(chat).streamingChatModel(streaming).build();

            simulator.nextFaults(Fault.failAfter(0, "The GPU is on fire"));
            assertThatThrownBy(() -> assistant.answer("Hello?")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("The GPU is on fire");

            simulator.nextFaults(Fault.failAfter(0, "The GPU is on fire"));
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            assistant.stream("Hello?").onPartialResponse(p -> { }).onCompleteResponse(done::complete)
                    .onError(done::completeExceptionally).start();
            assertThatThrownBy(() -> done.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ProviderException.class).hasMessageContaining("The GPU is on fire");
        }
    }

    @Test
    void cancellingTheTokenStreamClosesTheUpstreamConnection() throws Exception {
        try (G4jStreamingChatModel streaming = G4jStreamingChatModel.builder().model(MODEL).options(options()).build()) {
            Assistant assistant = AiServices.builder(Assistant.class).streamingChatModel(streaming).build();
            int endedBefore = simulator.finishedEvents().size();
            CompletableFuture<Void> cancelled = new CompletableFuture<>();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            assistant.stream("long").onPartialResponseWithContext((partial, context) -> {
                context.streamingHandle().cancel();
                cancelled.complete(null);
            }).onCompleteResponse(done::complete).onError(done::completeExceptionally).start();

            cancelled.get(20, TimeUnit.SECONDS);
            // The Gradio client posts /cancel and closes the stream: the server ends the event early either way.
            EventSummary ended = awaitEventEndedAfter(endedBefore);
            assertThat(ended.outcome()).isIn(EventOutcome.CANCELLED, EventOutcome.STOPPED_BY_DISCONNECT);
            assertThat(ended.tokensYielded()).isLessThan(2000);
            assertThat(done).as("no terminal callback after a cancel").isNotDone();
        }
    }

    private static EventSummary awaitEventEndedAfter(int endedBefore) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<EventSummary> all = simulator.finishedEvents();
            if (all.size() > endedBefore && simulator.openStreams() == 0) {
                return all.get(all.size() - 1);
            }
            simulator.awaitDisconnect(Duration.ofMillis(50)); // waits for the next change, at most 50 ms
        }
        throw new AssertionError("The simulator saw no event end within 10 s of the cancel");
    }

}
