package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Provider:model} with model names that contain colons, open model lists and unknown providers. */
class PinningTest {
    private static final Messages HI = Messages.ofUser("hi");

    /** A local server: lists one model, serves whatever was pulled. */
    private final ScriptedProvider ollama = new ScriptedProvider("Ollama", true, "llama3", List.of("llama3"), Map.of(),
            model -> AsyncResult.of(text("Ollama:" + model), finish("stop"))).openModels();
    private final ScriptedProvider hosted = new ScriptedProvider("Hosted", true, "h-1", List.of("h-1", "mistral:7b"), Map.of(),
            model -> AsyncResult.of(text("Hosted:" + model), finish("stop")));

    private ProviderRegistry registry(AsyncGeneratorProvider... providers) {
        ProviderRegistry.Builder b = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                .home(Path.of("no-such-home").toAbsolutePath());
        for (AsyncGeneratorProvider p : providers) {
            b.add(p);
        }
        return b.build();
    }

    @Test
    void aPinnedUnlistedModelWithColonsPassesThroughToAnOpenProvider() throws Exception {
        ProviderRegistry r = registry(hosted, ollama);
        assertThat(r.create("Ollama:qwen2.5:7b", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Ollama:qwen2.5:7b");
        assertThat(r.create("ollama: qwen2.5:7b ", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Ollama:qwen2.5:7b");
        assertThat(ollama.calls).containsExactly("qwen2.5:7b", "qwen2.5:7b");
    }

    @Test
    void aListedModelNameWithAColonIsServedUnpinned() throws Exception {
        ProviderRegistry r = registry(ollama, hosted);
        assertThat(r.create("mistral:7b", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Hosted:mistral:7b");
        assertThat(ollama.calls).isEmpty();
    }

    @Test
    void unpinnedLookupUsesListedNamesOnly() {
        ProviderRegistry r = registry(hosted, ollama);
        assertThatThrownBy(() -> r.create("qwen2.5:7b", HI)).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("No provider named 'qwen2.5'")
                .hasMessageContaining("Known providers: Hosted, Ollama")
                .hasMessageContaining("'Ollama:qwen2.5:7b'");
        assertThatThrownBy(() -> r.create("qwen2.5", HI)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("'Ollama:qwen2.5'");
        assertThat(ollama.calls).isEmpty();
    }

    @Test
    void anUnknownProviderPrefixNamesTheClosestProvider() {
        ProviderRegistry r = registry(hosted, ollama);
        assertThatThrownBy(() -> r.create("Olama:llama3", HI)).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("Did you mean 'Ollama'?")
                .hasMessageContaining("Known providers: Hosted, Ollama");
    }

    @Test
    void aMistypedModelWithAColonSuggestsTheModelToo() {
        assertThatThrownBy(() -> registry(hosted).create("mistral:7", HI)).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("No provider named 'mistral'").hasMessageContaining("Did you mean the model 'mistral:7b'?");
        assertThatThrownBy(() -> registry(hosted).create("h-2:", HI)).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("Did you mean the model 'h-1'?");
    }

    @Test
    void aClosedModelListRejectsPinnedUnlistedNames() {
        assertThatThrownBy(() -> registry(hosted).create("Hosted:qwen2.5:7b", HI)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("h-1");
    }
}
