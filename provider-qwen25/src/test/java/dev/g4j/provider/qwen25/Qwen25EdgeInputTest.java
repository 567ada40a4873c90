package dev.g4j.provider.qwen25;

import com.sun.net.httpserver.HttpServer;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad input at the API edge, through the Qwen 2.5 provider and the registry, against the simulator: every case ends
 * with a typed error whose message says what to do, or with a correct answer, and never hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Qwen25EdgeInputTest {
    private static GradioSimulator sim;
    private static Qwen25Provider provider;

    @BeforeAll
    static void start() {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).start();
        provider = new Qwen25Provider();
    }

    @AfterAll
    static void stop() {
        provider.close();
        sim.close();
    }

    private static ProviderOptions.Builder options() {
        return ProviderOptions.builder().baseUrl(sim.baseUrl()).connectTimeout(Duration.ofSeconds(3))
                .idleTimeout(Duration.ofSeconds(10)).totalTimeout(Duration.ofSeconds(30));
    }

    private static String answer(AsyncResult result) throws Exception {
        return result.text().get(30, TimeUnit.SECONDS);
    }

    /** The error the stream ended with (the future's cause), failing when it completed instead. */
    private static Throwable failure(AsyncResult result) {
        Throwable t = catchThrowable(() -> result.text().get(30, TimeUnit.SECONDS));
        assertThat(t).as("the request should have failed").isInstanceOf(ExecutionException.class);
        return t.getCause();
    }

    /** The error of a request for "hi" with these options, whether thrown at once or delivered by the stream. */
    private static Throwable errorWith(ProviderOptions options) {
        AsyncResult result;
        try {
            result = provider.createAsyncGenerator(null, Messages.ofUser("hi"), options);
        } catch (RuntimeException e) {
            return e;
        }
        return failure(result);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---- model names ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankModelMeansTheDefault(String model) throws Exception {
        assertThat(answer(provider.createAsyncGenerator(model, Messages.ofUser("hi"), options().build()))).isEqualTo("You said: hi");
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "Qwen_Qwen_2_5:", "nope:qwen", "nope", "qwen 2.5", "qwen-2.5\u0000", "72b-instruct"})
    void unknownModelsAreRefusedByTheProviderWithTheValidNames(String model) {
        assertThatThrownBy(() -> provider.createAsyncGenerator(model, Messages.ofUser("hi"), options().build()))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("is not served by Qwen_Qwen_2_5")
                .hasMessageContaining("Valid names: qwen2.5-72b-instruct");
    }

    @Test
    void aTypoGetsASuggestion() {
        assertThatThrownBy(() -> provider.createAsyncGenerator("qwen-2.5-codr-7b", Messages.ofUser("hi"), options().build()))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("Did you mean 'qwen-2.5-coder-7b'?");
    }

    @Test
    void aVeryLongModelNameIsRefusedQuickly() {
        String name = "qwen".repeat(50_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.createAsyncGenerator(name, Messages.ofUser("hi"), options().build()))
                .isInstanceOf(ModelNotFoundException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Qwen_Qwen_2_5:", "qwen_qwen_2_5:", " Qwen_Qwen_2_5 : ", "Qwen_Qwen_2_5:qwen-2.5-coder-7b", "", "  "})
    void theRegistryAnswersPinnedAndDefaultModels(String model) throws Exception {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            assertThat(answer(registry.create(model, Messages.ofUser("pinned"), options().build()))).isEqualTo("You said: pinned");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "::", "nope:qwen", "Qwen_Qwen_2_5:nope", "Qwen_Qwen_2_5::", "nope", "qwen-2.5-codr-7b:"})
    void theRegistryRefusesUnknownNamesSayingWhatExists(String model) {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            assertThatThrownBy(() -> registry.create(model, Messages.ofUser("hi"), options().build()))
                    .isInstanceOfAny(ModelNotFoundException.class, ProviderNotFoundException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("Valid names:", "Known providers:"));
        }
    }

    @Test
    void theRegistryNamesTheUnknownProviderOfAPinnedModel() {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            assertThatThrownBy(() -> registry.create("nope:qwen", Messages.ofUser("hi"), options().build()))
                    .isInstanceOf(ProviderNotFoundException.class).hasMessageContaining("No provider named 'nope'")
                    .hasMessageContaining("Known providers: ").hasMessageContaining("Qwen_Qwen_2_5");
        }
    }

    // ---- conversations ----------------------------------------------------------------------------------------

    @Test
    void nullMessagesAreNamed() {
        // The provider and the registry agree: IllegalArgumentException with a hint, with or without options.
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, null, options().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Messages must not be null")
                .hasMessageContaining("at least one message");
        assertThatThrownBy(() -> provider.createAsyncGenerator("qwen-2.5-72b", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one message");
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            assertThatThrownBy(() -> registry.create(null, null, options().build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one message");
        }
    }

    @Test
    void conversationsThatCannotBeAnsweredSayWhatToAdd() {
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.of(Message.user("q"), Message.assistant("a")), options().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("append the user's next message");
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.of(Message.system("s")), options().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add a user message");
    }

    @Test
    void aWhitespacePromptIsSentAsIs() throws Exception {
        // the simulated Space answers a blank prompt with its greeting
        assertThat(answer(provider.createAsyncGenerator(null, Messages.ofUser(" \n "), options().build())))
                .isEqualTo("Hello! How can I help you?");
    }

    @Test
    void aFiveMebibytePromptGoesThroughEndToEnd() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            words.add(String.valueOf((char) ('a' + i)).repeat(1024 * 1024));
        }
        String prompt = String.join(" ", words);
        String text = answer(provider.createAsyncGenerator(null, Messages.ofUser(prompt), options().build()));
        assertThat(text.length()).isEqualTo("You said: ".length() + prompt.length());
        assertThat(text).isEqualTo("You said: " + prompt);
    }

    @Test
    void aHugeAnswerBeyondMaxEventBytesFailsSayingWhichParameterToRaise() {
        String prompt = "y".repeat(2 * 1024 * 1024);
        Throwable error = failure(provider.createAsyncGenerator(null, Messages.ofUser(prompt),
                options().param("maxEventBytes", 1024 * 1024).build()));
        assertThat(error).isInstanceOf(UpstreamProtocolException.class).hasMessageContaining("Raise maxEventBytes");
    }

    // ---- parameters -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "", "99999999999"})
    void maxEventBytesMustBeAWholeNumber(String value) {
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.ofUser("hi"), options().param("maxEventBytes", value).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEventBytes");
    }

    @Test
    void maxEventBytesTooSmallIsAnArgumentError() {
        assertThat(errorWith(options().param("maxEventBytes", 10).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEventBytes");
    }

    @Test
    void aNumericMaxEventBytesOutsideTheIntRangeIsRefusedNotTruncated() {
        // 2^32 + 2048 would silently become 2048 with Number.intValue()
        long tooBig = (1L << 32) + 2048;
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.ofUser("hi"), options().param("maxEventBytes", tooBig).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEventBytes");
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.ofUser("hi"), options().param("maxEventBytes", 65536.5).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEventBytes");
    }

    // ---- endpoints and proxies --------------------------------------------------------------------------------

    @Test
    void aBaseUrlWithNothingListeningIsAConnectionFailureThatSaysWhatToCheck() throws Exception {
        int port = closedPort();
        Throwable error = failure(provider.createAsyncGenerator(null, Messages.ofUser("hi"),
                options().baseUrl("http://127.0.0.1:" + port).build()));
        assertThat(error).isInstanceOf(UpstreamConnectionException.class).hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("check");
    }

    @Test
    void aProxyWithNothingListeningIsAConnectionFailure() throws Exception {
        int port = closedPort();
        Throwable error = failure(provider.createAsyncGenerator(null, Messages.ofUser("hi"),
                options().proxy("http://127.0.0.1:" + port).build()));
        assertThat(error).isInstanceOf(UpstreamConnectionException.class).hasMessageContaining("proxy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999", "http://127.0.0.1:70000/", "http://127.0.0.1:0"})
    void aBaseUrlWithAPortBeyondTheTcpRangeIsRefusedWhenTheOptionsAreBuilt(String base) {
        assertThatThrownBy(() -> options().baseUrl(base)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(base).hasMessageContaining("a TCP port is 1 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socks5://127.0.0.1:99999", "http://127.0.0.1:70000"})
    void aProxyWithAPortBeyondTheTcpRangeIsRefusedWhenTheOptionsAreBuilt(String proxy) {
        assertThatThrownBy(() -> options().proxy(proxy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(proxy).hasMessageContaining("a TCP port is 1 to 65535");
    }

    @Test
    void aServerThatIsNotGradioEndsWithAProviderError() throws Exception {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext("/", exchange -> {
            byte[] body = "<!doctype html><title>Not Gradio</title>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        html.start();
        try {
            Throwable error = failure(provider.createAsyncGenerator(null, Messages.ofUser("hi"),
                    options().baseUrl("http://127.0.0.1:" + html.getAddress().getPort()).build()));
            assertThat(error).isInstanceOf(ProviderException.class);
            assertThat(error.getMessage()).isNotBlank();
        } finally {
            html.stop(0);
        }
    }

    // ---- the publisher contract -------------------------------------------------------------------------------

    @Test
    void aSecondSubscriberIsToldTheResultIsSingleUse() throws Exception {
        AsyncResult result = provider.createAsyncGenerator(null, Messages.ofUser("once"), options().build());
        assertThat(answer(result)).isEqualTo("You said: once");
        assertThatThrownBy(() -> result.text().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNullSubscriberIsRefused() {
        AsyncResult result = provider.createAsyncGenerator(null, Messages.ofUser("x"), options().build());
        assertThatThrownBy(() -> result.subscribe(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNonPositiveRequestEndsTheStreamWithAnArgumentError() throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        provider.createAsyncGenerator(null, Messages.ofUser("x"), options().build()).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(0);
            }

            @Override
            public void onNext(ResponseChunk item) {
                error.completeExceptionally(new AssertionError("onNext without demand: " + item));
            }

            @Override
            public void onError(Throwable t) {
                error.complete(t);
            }

            @Override
            public void onComplete() {
                error.completeExceptionally(new AssertionError("completed without demand"));
            }
        });
        assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
    }
}
