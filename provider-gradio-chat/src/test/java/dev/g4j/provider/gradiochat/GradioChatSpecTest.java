package dev.g4j.provider.gradiochat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.g4j.provider.api.ModelNotFoundException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradioChatSpecTest {

    private static GradioChatSpec.Builder valid() {
        return GradioChatSpec.builder("MyApp").url(URI.create("http://127.0.0.1:7860/"))
                .apiName("/chat").inputs(InputSlot.prompt(), InputSlot.history())
                .format(ChatFormat.TUPLES).chatbotOutput(1);
    }

    private static void invalid(UnaryOperator<GradioChatSpec.Builder> change, String expected) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid Gradio chat spec: ")
                .hasMessageContaining(expected);
    }

    @Test
    void aValidSpecKeepsWhatWasSetAndFillsDefaults() {
        GradioChatSpec spec = valid().models("a", "b").alias("x", "b").build();
        assertThat(spec.name()).isEqualTo("MyApp");
        assertThat(spec.label()).isEqualTo("MyApp");
        assertThat(spec.apiName()).contains("chat");
        assertThat(spec.fnIndex()).isEmpty();
        assertThat(spec.defaultModel()).contains("a");
        assertThat(spec.homepage()).isEqualTo(URI.create("http://127.0.0.1:7860/"));
        assertThat(spec.working()).isTrue();
        assertThat(spec.flattensHistory()).isFalse();
        assertThat(spec.resolveModel("x")).contains("b");
        assertThat(spec.resolveModel(null)).contains("a");
        assertThat(spec.resolveModel("b")).contains("b");
        assertThat(spec.selectorValue("a")).isEqualTo("a");
    }

    @Test
    void aSpaceSpecPointsItsHomepageAtTheSpacePage() {
        GradioChatSpec spec = valid().url(null).spaceId("Qwen/Qwen2-72B-Instruct").build();
        assertThat(spec.spaceId()).contains("Qwen/Qwen2-72B-Instruct");
        assertThat(spec.homepage()).isEqualTo(URI.create("https://huggingface.co/spaces/Qwen/Qwen2-72B-Instruct"));
    }

    @Test
    void theQwen3LayoutWithADictSlotIsValid() {
        Map<String, InputSlot> settings = new LinkedHashMap<>();
        settings.put("thinking_budget", InputSlot.constant(IntNode.valueOf(38)));
        settings.put("model", InputSlot.modelSelector());
        settings.put("sys_prompt", InputSlot.systemPrompt("You are a helpful and harmless assistant."));
        GradioChatSpec spec = GradioChatSpec.builder("Qwen_Qwen_3").url(URI.create("https://qwen-qwen3-demo.hf.space"))
                .apiPrefix("/gradio_api").fnIndex(13).triggerId(31)
                .inputs(InputSlot.prompt(), InputSlot.dict(settings), InputSlot.nullValue(), InputSlot.nullValue())
                .format(ChatFormat.MGR).chatbotOutput(5).models("qwen3-235b-a22b", "qwen3-32b").working(false)
                .build();
        assertThat(spec.flattensHistory()).isTrue();
        assertThat(spec.triggerId()).hasValue(31);
        assertThat(spec.inputs().get(1)).isInstanceOf(InputSlot.Dict.class);
    }

    @Test
    void anUnknownModelNamesTheValidOnesAndTheClosest() {
        GradioChatSpec spec = valid().models("qwen3-32b", "qwen3-8b").alias("q", "qwen3-8b").build();
        assertThatThrownBy(() -> spec.resolveModel("qwen3-33b")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Did you mean 'qwen3-32b'")
                .hasMessageContaining("qwen3-32b, qwen3-8b, q");
    }

    @Test
    void buildRejectsBadSpecsWithClearMessages() {
        invalid(b -> GradioChatSpec.builder("bad name").url(URI.create("http://x/")).apiName("chat")
                .inputs(InputSlot.prompt()).format(ChatFormat.TUPLES).chatbotOutput(0), "provider name 'bad name'");
        invalid(b -> b.url(null), "set the app's url or its Space id");
        invalid(b -> b.spaceId("a/b"), "either the url or the Space id, not both");
        invalid(b -> b.url(null).spaceId("not a space"), "must look like owner/name");
        invalid(b -> b.url(URI.create("ftp://host/")), "absolute http or https URL");
        invalid(b -> b.url(URI.create("https://user:secret@host/")), "must not carry user info");
        invalid(b -> b.apiName(null), "choose the chat endpoint with apiName or fnIndex");
        invalid(b -> b.apiName("/"), "apiName is blank");
        invalid(b -> b.fnIndex(-1), "fnIndex must be 0 or more");
        invalid(b -> b.apiPrefix("gradio_api/"), "apiPrefix must be");
        invalid(b -> b.inputs(InputSlot.history()), "exactly one Prompt slot, found 0");
        invalid(b -> b.inputs(InputSlot.prompt(), InputSlot.prompt()), "exactly one Prompt slot, found 2");
        invalid(b -> b.inputs(InputSlot.prompt(), InputSlot.history(), InputSlot.history()), "2 History slots");
        invalid(b -> b.inputs(InputSlot.prompt(), InputSlot.dict(Map.of("h", InputSlot.history()))),
                "must be a top-level input");
        invalid(b -> b.inputs(InputSlot.prompt(), InputSlot.modelSelector()), "ModelSelector slot but no models");
        invalid(b -> b.format(null), "set the chatbot format");
        invalid(b -> b.chatbotOutput(-1), "set chatbotOutput");
        invalid(b -> b.format(ChatFormat.RESPONSE), "remove the History slot");
        invalid(b -> b.serverSideHistory(true), "would be ignored");
        invalid(b -> b.models("a", "a"), "duplicates");
        invalid(b -> b.models("a").defaultModel("b"), "default model 'b' is not among the models [a]");
        invalid(b -> b.models("a").alias("a", "a"), "also a model name");
        invalid(b -> b.models("a").alias("x", "y"), "points to 'y'");
    }
}
