package dev.g4j.provider.openai;

import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviours of real servers that the simulator does not script: each with a hand-written answer. */
class OpenAiServerQuirksTest {

    private static OpenAiCompatibleProvider provider(String baseUrl) {
        return OpenAiCompatibleProvider.builder().name("Quirky").baseUrl(baseUrl).models(List.of("m"))
                .environment(name -> null).build();
    }

    private static Answer ask(OpenAiCompatibleProvider p) {
        return Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi")));
    }

    @Test
    void aServerThatIgnoresStreamTrueAndAnswersJsonIsRead() throws Exception {
        String body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"whole answer\",\"reasoning\":\"thought\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}";
        try (ScriptedServer server = new ScriptedServer(req -> req.response().putHeader("content-type", "application/json").end(body));
             OpenAiCompatibleProvider p = provider(server.baseUrl())) {
            Answer a = ask(p);
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("whole answer");
            assertThat(a.reasoning()).isEqualTo("thought");
            assertThat(a.usage()).contains(ResponseChunk.usage(1, 2, null));
            assertThat(a.last()).isEqualTo(ResponseChunk.finish("stop"));
        }
    }

    @Test
    void aServerThatKeepsTheConnectionOpenAfterDoneStillCompletesAndIsLeft() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(req -> {
            req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            req.response().closeHandler(v -> closed.countDown());
            req.response().write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"done\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: [DONE]\n\n");
        }); OpenAiCompatibleProvider p = provider(server.baseUrl())) {
            Answer a = ask(p);
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("done");
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("the lingering connection is closed").isTrue();
        }
    }

    @Test
    void anSseErrorEventWithPlainTextIsARemoteError() throws Exception {
        try (ScriptedServer server = new ScriptedServer(req -> req.response().putHeader("content-type", "text/event-stream")
                .end("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\nevent: error\ndata: backend \u001b[31mcrashed\n\n"));
             OpenAiCompatibleProvider p = provider(server.baseUrl())) {
            Answer a = ask(p);
            assertThat(a.text()).isEqualTo("a");
            assertThat(a.error).isInstanceOf(RemoteProcessException.class).hasMessageContaining("backend").hasMessageContaining("crashed")
                    .hasMessageNotContaining("\u001b");
        }
    }

    @Test
    void anOllamaStyleStringErrorForAnUnknownModelIsModelNotFound() throws Exception {
        try (ScriptedServer server = new ScriptedServer(req -> {
            if (req.path().endsWith("/models")) {
                req.response().putHeader("content-type", "application/json").end("{\"object\":\"list\",\"data\":null}");
            } else {
                req.response().setStatusCode(404).putHeader("content-type", "application/json")
                        .end("{\"error\":\"model 'm' not found, try pulling it first\"}");
            }
        }); OpenAiCompatibleProvider p = OpenAiCompatibleProvider.builder().name("Ollama").baseUrl(server.baseUrl())
                .models(List.of("m")).build()) {
            Answer a = ask(p);
            assertThat(a.error).isInstanceOf(ModelNotFoundException.class).hasMessageContaining("try pulling it first")
                    .hasMessageContaining("lists no model").hasMessageContaining("ollama pull m");
        }
    }

    @Test
    void anOpenRouterStyleChunkWithErrorAndFinishReasonErrorFails() throws Exception {
        try (ScriptedServer server = new ScriptedServer(req -> req.response().putHeader("content-type", "text/event-stream")
                .end(": OPENROUTER PROCESSING\n\ndata: {\"error\":{\"code\":502,\"message\":\"Provider returned error\"},"
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n"));
             OpenAiCompatibleProvider p = provider(server.baseUrl())) {
            Answer a = ask(p);
            assertThat(a.error).isInstanceOf(RemoteProcessException.class).hasMessageContaining("Provider returned error");
            assertThat(a.count(ResponseChunk.Finish.class)).isZero();
        }
    }
}
