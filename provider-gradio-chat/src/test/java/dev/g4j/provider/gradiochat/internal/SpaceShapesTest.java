package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written specs of the two gpt4free Space shapes, run against their simulated apps. */
@Timeout(60)
class SpaceShapesTest {

    static GradioChatSpec qwen2(URI url) {
        return GradioChatSpec.builder("Qwen_Qwen_2_72B").label("Qwen Qwen-2.72B").url(url).fnIndex(0).triggerId(11)
                .inputs(InputSlot.prompt(), InputSlot.history(), InputSlot.systemPrompt(""))
                .format(ChatFormat.TUPLES).chatbotOutput(1)
                .models("qwen-qwen2-72b-instruct").alias("qwen-2-72b", "qwen-qwen2-72b-instruct").working(false)
                .build();
    }

    static GradioChatSpec qwen3(URI url) {
        Map<String, InputSlot> settings = new LinkedHashMap<>();
        settings.put("thinking_budget", InputSlot.constant(IntNode.valueOf(38)));
        settings.put("model", InputSlot.modelSelector());
        settings.put("sys_prompt", InputSlot.systemPrompt("You are a helpful and harmless assistant."));
        return GradioChatSpec.builder("Qwen_Qwen_3").label("Qwen Qwen-3").url(url).apiPrefix("/gradio_api")
                .fnIndex(13).triggerId(31)
                .inputs(InputSlot.prompt(), InputSlot.dict(settings), InputSlot.nullValue(), InputSlot.nullValue())
                .format(ChatFormat.MGR).chatbotOutput(5)
                .models("qwen3-235b-a22b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-14b", "qwen3-8b", "qwen3-4b",
                        "qwen3-1.7b", "qwen3-0.6b")
                .working(false).build();
    }

    private static final List<String> TOKENS = List.of("Fine", ", thanks");

    @Test
    void qwen2SpecSendsNativeHistoryAndSystemAndReadsOutput1() throws Exception {
        List<ChatRequest> seen = new CopyOnWriteArrayList<>();
        try (SimulatedRun run = new SimulatedRun(GradioSimulator.builder().app(SimulatedApp.qwen2_72b())
                .tokenDelay(Duration.ZERO).replyFunction(r -> {
                    seen.add(r);
                    return TOKENS;
                }).start())) {
            GradioSimulator sim = run.sim;
            GradioChatSpec spec = qwen2(URI.create(sim.baseUrl()));
            String model = spec.resolveModel("qwen-2-72b").orElseThrow();
            Messages chat = Messages.of(Message.system("Be kind."), Message.user("Hi"), Message.assistant("Hello"),
                    Message.user("How are you?"));
            JsonNode outputs = run.completedOutputs(0, 11, JoinData.of(spec, chat, model));
            assertThat(ReplyExtractor.extract(spec.format(), 1, outputs.get(1)))
                    .isEqualTo(new ChatReply.Text("Fine, thanks", ""));
            assertThat(seen.get(0).prompt()).isEqualTo("How are you?");
            assertThat(seen.get(0).system()).isEqualTo("Be kind.");
            assertThat(seen.get(0).history()).hasSize(1);
        }
    }

    @Test
    void qwen3SpecFillsTheSettingsDictAndSeparatesReasoning() throws Exception {
        List<ChatRequest> seen = new CopyOnWriteArrayList<>();
        try (SimulatedRun run = new SimulatedRun(GradioSimulator.builder().app(SimulatedApp.qwen3Demo())
                .tokenDelay(Duration.ZERO).replyFunction(r -> {
                    seen.add(r);
                    return TOKENS;
                }).start())) {
            GradioSimulator sim = run.sim;
            GradioChatSpec spec = qwen3(URI.create(sim.baseUrl()));
            assertThat(sim.apiUrl("/queue/join")).contains(spec.apiPrefix().orElseThrow());
            JsonNode outputs = run.completedOutputs(13, 31, JoinData.of(spec, Messages.ofUser("How are you?"),
                    spec.resolveModel("qwen3-8b").orElseThrow()));
            assertThat(ReplyExtractor.extract(spec.format(), 5, outputs.get(5)))
                    .isEqualTo(new ChatReply.Text("Fine, thanks", "Thinking about: How are you?"));
            assertThat(seen.get(0).model()).isEqualTo("qwen3-8b");
            assertThat(seen.get(0).system()).isEqualTo("You are a helpful and harmless assistant.");
        }
    }
}
