package dev.g4j.springai;

import dev.g4j.gradio.testkit.EventOutcome;
import dev.g4j.gradio.testkit.EventSummary;
import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Spring Boot application with nothing but this artifact, the Qwen 2.5 provider and two properties gets a working
 * {@link ChatClient}, here against the Gradio simulator on loopback.
 */
class G4jSpringBootSimulatorTest {
    private static final List<String> TOKENS = List.of("Hi", " there", ",", " friend.");
    private static final ReplyFunction REPLY = request -> switch (request.prompt()) {
        case "long" -> Collections.nCopies(2000, " word");
        default -> TOKENS;
    };

    private static GradioSimulator simulator;

    /** The whole application: auto-configuration only. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @BeforeAll
    static void start() {
        simulator = GradioSimulator.builder().replyFunction(REPLY).tokenDelay(Duration.ofMillis(2)).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static ConfigurableApplicationContext run(String... properties) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .properties(properties).run();
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
    void aChatClientAnswersAndStreamsAndTheContextLeavesNothingBehind() throws Exception {
        Set<Thread> before = liveThreads();
        ConfigurableApplicationContext context = run("g4j.model=qwen2.5-72b-instruct",
                "g4j.base-url=" + simulator.baseUrl(), "g4j.idle-timeout=10s", "g4j.total-timeout=30s");
        try {
            ChatClient client = context.getBean(ChatClient.Builder.class).build();

            assertThat(client.prompt().system("Be terse.").user("Hello?").call().content())
                    .isEqualTo("Hi there, friend.");
            List<String> streamed = client.prompt("Hello?").stream().content().collectList()
                    .block(Duration.ofSeconds(20));
            assertThat(streamed).containsExactlyElementsOf(TOKENS);

            ChatResponse response = client.prompt("Hello?").call().chatResponse();
            assertThat(response).isNotNull();
            assertThat(response.getMetadata().getModel()).isEqualTo("Qwen_Qwen_2_5:qwen2.5-72b-instruct");
            assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
            assertThat(context.getBean(G4jChatModel.class).model())
                    .as("g4j.base-url pins the provider it applies to").isEqualTo("Qwen_Qwen_2_5:qwen2.5-72b-instruct");
            Set<Thread> started = liveThreads();
            started.removeAll(before);
            assertThat(started).as("the provider's event loop runs while the context is open").isNotEmpty();
        } finally {
            context.close();
        }
        assertThat(simulator.openStreams()).isZero();
        Set<Thread> leaked = threadsLeftAlive(before);
        assertThat(leaked).as("threads the context started and left alive after close").isEmpty();
    }

    @Test
    void withoutAModelTheBaseUrlAppliesToTheFirstProviderOfTheDefaultChain() {
        try (ConfigurableApplicationContext context = run("g4j.base-url=" + simulator.baseUrl())) {
            assertThat(context.getBean(G4jChatModel.class).model()).isEqualTo("Qwen_Qwen_2_5:");
            assertThat(context.getBean(ChatClient.Builder.class).build().prompt("Hello?").call().content())
                    .isEqualTo("Hi there, friend.");
            assertThat(context.getBean(ProviderRegistry.class).providers()).isNotEmpty();
        }
    }

    @Test
    void errorsReachTheCallerTypedWithOurMessage() {
        try (ConfigurableApplicationContext context = run("g4j.base-url=" + simulator.baseUrl())) {
            ChatClient client = context.getBean(ChatClient.Builder.class).build();

            simulator.nextFaults(Fault.failAfter(0, "The GPU is on fire"));
            assertThatThrownBy(() -> client.prompt("Hello?").call().content())
                    .isInstanceOf(ProviderException.class).hasMessageContaining("The GPU is on fire");

            simulator.nextFaults(Fault.failAfter(0, "The GPU is on fire"));
            assertThatThrownBy(() -> client.prompt("Hello?").stream().content().collectList()
                    .block(Duration.ofSeconds(20)))
                    .isInstanceOf(ProviderException.class).hasMessageContaining("The GPU is on fire");

            assertThatThrownBy(() -> client.prompt("Hello?").options(ChatOptions.builder().model("no-such-model"))
                    .call().content())
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("no-such-model");
        }
    }

    @Test
    void disposingTheStreamCancelsTheUpstreamEvent() {
        try (ConfigurableApplicationContext context = run("g4j.base-url=" + simulator.baseUrl())) {
            ChatClient client = context.getBean(ChatClient.Builder.class).build();
            int endedBefore = simulator.finishedEvents().size();

            List<String> first = client.prompt("long").stream().content().take(1).collectList()
                    .block(Duration.ofSeconds(20));

            assertThat(first).as("the Space strips the first token's space").containsExactly("word");
            EventSummary ended = awaitEventEndedAfter(endedBefore);
            assertThat(ended.outcome()).isIn(EventOutcome.CANCELLED, EventOutcome.STOPPED_BY_DISCONNECT);
            assertThat(ended.tokensYielded()).isLessThan(2000);
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
