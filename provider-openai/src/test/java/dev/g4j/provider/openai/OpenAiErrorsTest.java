package dev.g4j.provider.openai;

import dev.g4j.openai.testkit.Fault;
import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.openai.internal.UpstreamErrors;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiErrorsTest {

    private static Answer ask(OpenAiCompatibleProvider p, String model) {
        return Answer.of(p.createAsyncGenerator(model, Messages.ofUser("Hi")));
    }

    private static OpenAiCompatibleProvider.Builder provider(String baseUrl) {
        return OpenAiCompatibleProvider.builder().name("Sim").baseUrl(baseUrl).models(OpenAiSimulator.DEFAULT_MODELS)
                .environment(name -> null);
    }

    @Test
    void unauthorizedNamesTheKeyVariableAndNeverShowsTheKey() throws Exception {
        String key = "sk-wrong-key-1234567";
        try (ScriptedServer server = new ScriptedServer(req -> req.response().setStatusCode(401)
                .putHeader("content-type", "application/json")
                .end("{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\",\"type\":\"invalid_request_error\"}}"));
             OpenAiCompatibleProvider p = provider(server.baseUrl()).apiKeyEnv("SIM_API_KEY")
                     .environment(Map.of("SIM_API_KEY", key)::get).build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(ResponseStatusException.class);
            assertThat(((ResponseStatusException) a.error).status()).isEqualTo(401);
            assertThat(a.error.getMessage()).contains("SIM_API_KEY").contains("Incorrect API key provided").doesNotContain(key);
            assertThat(((ResponseStatusException) a.error).bodyExcerpt()).doesNotContain(key);
        }
    }

    @Test
    void unauthorizedWithoutAKeySaysWhichVariableToSet() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().apiKey("sk-needed").start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).apiKeyEnv("SIM_API_KEY").build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(ResponseStatusException.class).hasMessageContaining("set SIM_API_KEY");
        }
    }

    @Test
    void forbiddenIsExplainedToo() {
        try (OpenAiSimulator sim = OpenAiSimulator.start(); OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.status(403, "Country not supported"));
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(ResponseStatusException.class).hasMessageContaining("403").hasMessageContaining("Country not supported");
        }
    }

    @Test
    void unknownModelListsTheServersModels() {
        try (OpenAiSimulator sim = OpenAiSimulator.start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).openModelList(true).build()) {
            Answer a = ask(p, "sim-modle");
            assertThat(a.error).isInstanceOf(ModelNotFoundException.class)
                    .hasMessageContaining("'sim-modle'").hasMessageContaining("sim-model, sim-reasoner")
                    .hasMessageContaining("Did you mean 'sim-model'?");
        }
    }

    @Test
    void aModelNotFoundMessageWithAnotherStatusIsStillModelNotFound() {
        try (OpenAiSimulator sim = OpenAiSimulator.start(); OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.status(400, "model 'x' not found, try pulling it first"));
            assertThat(ask(p, null).error).isInstanceOf(ModelNotFoundException.class).hasMessageContaining("try pulling it first");
        }
    }

    @Test
    void a404EverywhereMeansAWrongBaseUrl() throws Exception {
        try (ScriptedServer server = new ScriptedServer(req -> req.response().setStatusCode(404).end("Not Found"));
             OpenAiCompatibleProvider p = provider(server.baseUrl()).build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(ResponseStatusException.class).hasMessageContaining("base URL")
                    .hasMessageContaining("/v1");
        }
    }

    @Test
    void rateLimitCarriesRetryAfterInSeconds() {
        try (OpenAiSimulator sim = OpenAiSimulator.start(); OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.rateLimited("7"));
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(RateLimitException.class).hasMessageContaining("7 s");
            assertThat(((RateLimitException) a.error).retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(((RateLimitException) a.error).status()).isEqualTo(429);
        }
    }

    @Test
    void rateLimitCarriesRetryAfterAsAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(120).atOffset(ZoneOffset.UTC));
        try (OpenAiSimulator sim = OpenAiSimulator.start(); OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.rateLimited(date));
            RateLimitException e = (RateLimitException) ask(p, null).error;
            assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        }
    }

    @Test
    void retryAfterParsing() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(UpstreamErrors.parseRetryAfter("2.5", now)).isEqualTo(Duration.ofMillis(2500));
        assertThat(UpstreamErrors.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(UpstreamErrors.parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(UpstreamErrors.parseRetryAfter("soon", now)).isNull();
        assertThat(UpstreamErrors.parseRetryAfter("-3", now)).isNull();
        assertThat(UpstreamErrors.parseRetryAfter(null, now)).isNull();
    }

    @Test
    void serverErrorsAreResponseStatusExceptions() {
        try (OpenAiSimulator sim = OpenAiSimulator.start(); OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.status(500, "The server had an error"), Fault.status(503, "Overloaded"));
            Answer a500 = ask(p, null);
            assertThat(a500.error).isExactlyInstanceOf(ResponseStatusException.class).hasMessageContaining("HTTP 500")
                    .hasMessageContaining("The server had an error");
            Answer a503 = ask(p, null);
            assertThat(a503.error).isInstanceOf(RateLimitException.class).hasMessageContaining("overloaded");
            assertThat(((ResponseStatusException) a503.error).status()).isEqualTo(503);
        }
    }

    @Test
    void anErrorEventInsideTheStreamFailsWithItsMessageAfterTheText() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("one two three four").start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.errorEventAfter(2, "CUDA out of memory"));
            Answer a = ask(p, null);
            assertThat(a.text()).isEqualTo("one two ");
            assertThat(a.error).isInstanceOf(RemoteProcessException.class).hasMessageContaining("CUDA out of memory");
            assertThat(a.count(ResponseChunk.Finish.class)).isZero();
        }
    }

    @Test
    void aStreamEndingAfterItsFinishReasonButWithoutDoneIsComplete() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("one two").start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.noDone());
            Answer a = ask(p, null);
            assertThat(a.text()).isEqualTo("one two");
            assertThat(a.error).isNull();
            assertThat(a.count(ResponseChunk.Finish.class)).isOne();
        }
    }

    @Test
    void aStreamCutOffWithoutFinishReasonOrDoneIsAnErrorNotASilentSuccess() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("one two").start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.cutOff());
            Answer a = ask(p, null);
            assertThat(a.text()).isEqualTo("one two");
            assertThat(a.error).isInstanceOf(UpstreamProtocolException.class).hasMessageContaining("[DONE]")
                    .hasMessageContaining("cut off");
            assertThat(a.count(ResponseChunk.Finish.class)).isZero();
        }
    }

    @Test
    void aDroppedConnectionMidStreamIsAConnectionError() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("one two three").start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.dropAfter(1));
            Answer a = ask(p, null);
            assertThat(a.text()).isEqualTo("one ");
            assertThat(a.error).isInstanceOfAny(UpstreamConnectionException.class, UpstreamProtocolException.class);
            assertThat(a.count(ResponseChunk.Finish.class)).isZero();
        }
    }

    @Test
    void malformedJsonInAnEventIsAProtocolError() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("one two three").start();
             OpenAiCompatibleProvider p = provider(sim.baseUrl()).build()) {
            sim.nextFaults(Fault.malformedEventAfter(1));
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(UpstreamProtocolException.class).hasMessageContaining("not valid JSON");
        }
    }

    @Test
    void extraKeysAnywhereAreIgnored() throws Exception {
        String chunk = "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"x_groq\":{\"id\":\"q\"},\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":\"hi\",\"tool_calls\":null,\"audio\":{}},\"logprobs\":null,"
                + "\"finish_reason\":null,\"stop_reason\":null}],\"timings\":{\"predicted_ms\":1}}\n\n"
                + "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other choice\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
                + "\"completion_tokens\":1,\"total_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\ndata: [DONE]\n\n";
        try (ScriptedServer server = new ScriptedServer(req -> req.response().putHeader("content-type", "text/event-stream").end(chunk));
             OpenAiCompatibleProvider p = provider(server.baseUrl()).build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("hi");
            assertThat(a.usage()).contains(ResponseChunk.usage(3, 1, 4));
        }
    }

    @Test
    void connectionRefusedAdvisesStartingTheLocalServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OpenAiCompatibleProvider p = OpenAiCompatibleProvider.builder().name("Ollama")
                .baseUrl("http://127.0.0.1:" + port + "/v1").models(List.of("llama3.2")).local(true)
                .startAdvice("Start it with `ollama serve`").build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(UpstreamConnectionException.class)
                    .hasMessageContaining("connection refused").hasMessageContaining("Is Ollama running?")
                    .hasMessageContaining("`ollama serve`");
        }
    }

    @Test
    void redirectsAreNotFollowedSoTheKeyStaysHome() throws Exception {
        try (OpenAiSimulator elsewhere = OpenAiSimulator.start();
             ScriptedServer server = new ScriptedServer(req -> req.response().setStatusCode(307)
                     .putHeader("location", elsewhere.baseUrl() + "/chat/completions").end());
             OpenAiCompatibleProvider p = provider(server.baseUrl()).apiKey(dev.g4j.provider.api.Secret.of("sk-stay-home")).build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(ResponseStatusException.class).hasMessageContaining("redirect")
                    .hasMessageContaining("final address");
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void errorBodiesAreReadOnlyUpToTheLimit() throws Exception {
        String huge = "x".repeat(1024 * 1024);
        try (ScriptedServer server = new ScriptedServer(req -> req.response().setStatusCode(500).setChunked(true).end(huge));
             OpenAiCompatibleProvider p = provider(server.baseUrl()).build()) {
            Answer a = ask(p, null);
            assertThat(a.error).isInstanceOf(ResponseStatusException.class);
            assertThat(a.error.getMessage().length()).isLessThan(1000);
            assertThat(((ResponseStatusException) a.error).bodyExcerpt().length()).isLessThanOrEqualTo(ResponseStatusException.MAX_EXCERPT + 1);
        }
    }

    @Test
    void anOversizedEventIsAProtocolError() throws Exception {
        String big = "data: {\"choices\":[{\"delta\":{\"content\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}}]}\n\n";
        try (ScriptedServer server = new ScriptedServer(req -> req.response().putHeader("content-type", "text/event-stream").end(big));
             OpenAiCompatibleProvider p = provider(server.baseUrl()).build()) {
            assertThat(ask(p, null).error).isInstanceOf(UpstreamProtocolException.class).hasMessageContaining("larger than");
        }
    }

    @Test
    void closedModelListRejectsUnknownNamesAtOnce() {
        try (OpenAiCompatibleProvider p = provider("http://127.0.0.1:9/v1").build()) {
            assertThatThrownBy(() -> p.createAsyncGenerator("gpt-5", Messages.ofUser("Hi")))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("sim-model");
        }
    }

    @Test
    void noDefaultModelSaysHowToNameOne() {
        try (OpenAiCompatibleProvider p = OpenAiCompatibleProvider.builder().name("LMStudio").baseUrl("http://127.0.0.1:9/v1")
                .openModelList(true).build()) {
            assertThatThrownBy(() -> p.createAsyncGenerator(null, Messages.ofUser("Hi")))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("LMStudio:<model>");
        }
    }

    @Test
    void discoveryFailuresAreTyped() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OpenAiCompatibleProvider p = provider("http://127.0.0.1:" + port + "/v1").build()) {
            assertThat(p.discoverModels(ProviderOptions.defaults()).handle((v, e) -> e).get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(ProviderException.class).isInstanceOf(UpstreamConnectionException.class);
        }
    }
}
