package dev.g4j.provider.qwen25;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Qwen25ModelTest {
    private final Qwen25Provider provider = new Qwen25Provider();

    @Test
    void servesTheTwelveVariantsOfTheSelectorWithThe72bAsDefault() {
        assertThat(provider.models()).containsExactly(
                "qwen2.5-72b-instruct", "qwen2.5-32b-instruct", "qwen2.5-14b-instruct", "qwen2.5-7b-instruct",
                "qwen2.5-3b-instruct", "qwen2.5-1.5b-instruct", "qwen2.5-0.5b-instruct", "qwen2.5-math-72b-instruct",
                "qwen2.5-math-7b-instruct", "qwen2.5-math-1.5b-instruct", "qwen2.5-coder-7b-instruct",
                "qwen2.5-coder-1.5b-instruct");
        assertThat(provider.defaultModel()).isEqualTo("qwen2.5-72b-instruct");
        assertThat(provider.getModel(null)).isEqualTo("qwen2.5-72b-instruct");
        assertThat(provider.getModel("  ")).isEqualTo("qwen2.5-72b-instruct");
    }

    @Test
    void everyCanonicalNameResolvesToItselfAndMapsToItsRadioValue() {
        List<String> radio = List.of("72B", "32B", "14B", "7B", "3B", "1.5B", "0.5B", "Math-72B", "Math-7B", "Math-1.5B",
                "Coder-7B", "Coder-1.5B");
        for (int i = 0; i < radio.size(); i++) {
            String name = provider.models().get(i);
            assertThat(provider.getModel(name)).isEqualTo(name);
            assertThat(provider.spec().selectorValue(name)).isEqualTo(radio.get(i));
            // the Space lower-cases the radio value into the DashScope model name
            assertThat("qwen2.5-" + radio.get(i).toLowerCase(java.util.Locale.ROOT) + "-instruct").isEqualTo(name);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "qwen-2.5, qwen2.5-72b-instruct",
            "qwen-qwen2-5, qwen2.5-72b-instruct",
            "qwen2.5, qwen2.5-72b-instruct",
            "qwen-2.5-72b, qwen2.5-72b-instruct",
            "qwen-2.5-32b, qwen2.5-32b-instruct",
            "qwen-2.5-0.5b, qwen2.5-0.5b-instruct",
            "qwen-2.5-coder-7b, qwen2.5-coder-7b-instruct",
            "qwen-2.5-coder-1.5b, qwen2.5-coder-1.5b-instruct",
            "qwen-2.5-math-7b, qwen2.5-math-7b-instruct",
            "qwen-2.5-math-72b, qwen2.5-math-72b-instruct",
            "qwen2.5-math-1.5b, qwen2.5-math-1.5b-instruct",
            "Coder-7B, qwen2.5-coder-7b-instruct",
            "math-7b, qwen2.5-math-7b-instruct",
            "QWEN-2.5-14B, qwen2.5-14b-instruct",
            "Qwen2.5-7B-Instruct, qwen2.5-7b-instruct"
    })
    void aliasesResolveIgnoringCase(String alias, String canonical) {
        assertThat(provider.getModel(alias)).isEqualTo(canonical);
    }

    @Test
    void everyAliasTargetIsACanonicalName() {
        assertThat(provider.modelAliases().values()).allMatch(provider.models()::contains);
    }

    @Test
    void badRequestsAreRejectedAtOnceWithoutIo() {
        assertThatThrownBy(() -> provider.createAsyncGenerator("gpt-4o", Messages.ofUser("Hi")))
                .isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.of(Message.user("Hi"), Message.assistant("Hello"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.createAsyncGenerator(null, Messages.ofUser("Hi"),
                ProviderOptions.builder().param("maxEventBytes", "lots").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEventBytes");
    }

    @Test
    void unknownModelIsRejectedWithTheClosestName() {
        assertThatThrownBy(() -> provider.getModel("qwen-2.5-coder-32b"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Qwen_Qwen_2_5")
                .hasMessageContaining("Did you mean");
        assertThatThrownBy(() -> provider.getModel("gpt-4o")).isInstanceOf(ModelNotFoundException.class);
    }
}
