package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RecordingSubscriber;
import dev.g4j.provider.api.ResponseChunk;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.providerInfo;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;

/** One warning Notice names the typed parameters the chosen provider ignores. */
class ParameterNoticeTest {
    private static final Messages HI = Messages.ofUser("hi");

    private static List<ResponseChunk> chunks(ScriptedProvider p, ProviderOptions options) throws InterruptedException {
        ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                .home(Path.of("no-such-home").toAbsolutePath()).add(p).build();
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        r.create(p.name + ":", HI, options).subscribe(s);
        s.await();
        assertThat(s.error).isNull();
        return s.snapshot();
    }

    private static ScriptedProvider provider() {
        return new ScriptedProvider("P", true, "p-1", List.of("p-1"), Map.of(), model -> AsyncResult.of(text("ok"), finish("stop")));
    }

    @Test
    void namesOnlyTheIgnoredParametersOnce() throws Exception {
        ScriptedProvider p = provider().supporting(EnumSet.of(GenerationParameter.TEMPERATURE, GenerationParameter.MAX_TOKENS));
        ProviderOptions options = ProviderOptions.builder().temperature(0.3).maxTokens(10).seed(7).topP(0.5).build();
        List<ResponseChunk> chunks = chunks(p, options);
        List<ResponseChunk.Notice> notices = chunks.stream().filter(c -> c instanceof ResponseChunk.Notice)
                .map(c -> (ResponseChunk.Notice) c).collect(java.util.stream.Collectors.toList());
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).level()).isEqualTo("warning");
        assertThat(notices.get(0).message()).contains("P ignores").contains("top_p").contains("seed")
                .doesNotContain("temperature").doesNotContain("max_tokens");
        assertThat(chunks).startsWith(providerInfo("P", "p-1")).endsWith(text("ok"), finish("stop"));
        // the options still reach the provider unchanged: a notice, never a failure
        assertThat(p.lastOptions).isSameAs(options);
    }

    @Test
    void noNoticeWhenEverythingSetIsSupportedOrNothingIsSet() throws Exception {
        ScriptedProvider all = provider().supporting(EnumSet.allOf(GenerationParameter.class));
        assertThat(chunks(all, ProviderOptions.builder().temperature(1).stop("END").build()))
                .noneMatch(c -> c instanceof ResponseChunk.Notice);
        assertThat(chunks(provider().supporting(Set.of()), ProviderOptions.defaults()))
                .containsExactly(providerInfo("P", "p-1"), text("ok"), finish("stop"));
    }

    @Test
    void aProviderThatSupportsNothingGetsEveryParameterNamed() throws Exception {
        List<ResponseChunk> chunks = chunks(provider(), ProviderOptions.builder().stop("x").build());
        assertThat(chunks).contains(ResponseChunk.notice("warning", "P ignores stop: it does not support this parameter"));
    }
}
