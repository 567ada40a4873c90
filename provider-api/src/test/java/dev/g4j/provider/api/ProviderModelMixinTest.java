package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderModelMixinTest {

    private static ProviderModelMixin models(String defaultModel, List<String> models, Map<String, String> aliases) {
        return new ProviderModelMixin() {
            @Override
            public String defaultModel() {
                return defaultModel;
            }

            @Override
            public List<String> models() {
                return models;
            }

            @Override
            public Map<String, String> modelAliases() {
                return aliases;
            }
        };
    }

    private final ProviderModelMixin qwen = models("Qwen2.5-72B-Instruct",
            List.of("Qwen2.5-72B-Instruct", "Qwen2.5-7B-Instruct"),
            Map.of("qwen-2.5", "Qwen2.5-72B-Instruct", "qwen-small", "Qwen2.5-7B-Instruct"));

    @Test
    void nullOrBlankGivesTheDefault() {
        assertThat(qwen.getModel(null)).isEqualTo("Qwen2.5-72B-Instruct");
        assertThat(qwen.getModel("  ")).isEqualTo("Qwen2.5-72B-Instruct");
    }

    @Test
    void aliasGivesItsTarget() {
        assertThat(qwen.getModel("qwen-small")).isEqualTo("Qwen2.5-7B-Instruct");
        assertThat(qwen.getModel("QWEN-2.5")).isEqualTo("Qwen2.5-72B-Instruct");
    }

    @Test
    void canonicalNamesIncludingTheDefaultGiveThemselvesIgnoringCase() {
        assertThat(qwen.getModel("Qwen2.5-72B-Instruct")).isEqualTo("Qwen2.5-72B-Instruct");
        assertThat(qwen.getModel("Qwen2.5-7B-Instruct")).isEqualTo("Qwen2.5-7B-Instruct");
        assertThat(qwen.getModel("qwen2.5-7b-instruct")).isEqualTo("Qwen2.5-7B-Instruct");
        assertThat(qwen.getModel(" Qwen2.5-7B-Instruct ")).isEqualTo("Qwen2.5-7B-Instruct");
    }

    @Test
    void defaultModelResolvesToItselfEvenWhenNotListed() {
        ProviderModelMixin m = models("base", List.of("other"), Map.of());
        assertThat(m.getModel("base")).isEqualTo("base");
        assertThat(m.getModel("BASE")).isEqualTo("base");
    }

    @Test
    void unknownModelListsValidNamesAndClosestMatch() {
        assertThatThrownBy(() -> qwen.getModel("Qwen2.5-7B-Instruc"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("'Qwen2.5-7B-Instruc'")
                .hasMessageContaining("Did you mean 'Qwen2.5-7B-Instruct'?")
                .hasMessageContaining("Valid names:")
                .hasMessageContaining("Qwen2.5-72B-Instruct").hasMessageContaining("qwen-2.5").hasMessageContaining("qwen-small");
        assertThatThrownBy(() -> qwen.getModel("gpt-4"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageNotContaining("Did you mean");
    }

    @Test
    void closestIgnoresCaseAndRejectsFarNames() {
        assertThat(ModelNames.closest("GPT-4O", List.of("gpt-4o", "llama"))).contains("gpt-4o");
        assertThat(ModelNames.closest("xyz", List.of("completely-different"))).isEmpty();
        assertThat(ModelNames.closest(null, List.of("a"))).isEmpty();
        assertThat(ModelNames.distance("kitten", "sitting")).isEqualTo(3);
    }
}
