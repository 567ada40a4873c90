package dev.g4j.provider.openai;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.openai.testkit.Fault;
import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.qwen25.Qwen25Provider;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Failover through the registry between the Gradio provider and OpenAI-compatible ones, before the first text. */
class OpenAiFailoverTest {
    private static final String QWEN_MODEL = new Qwen25Provider().defaultModel();

    private static List<String> providersTried(Answer a) {
        return a.chunks.stream().filter(c -> c instanceof ResponseChunk.ProviderInfo)
                .map(c -> ((ResponseChunk.ProviderInfo) c).provider()).toList();
    }

    private static OpenAiCompatibleProvider openAi(OpenAiSimulator sim) {
        return OpenAiCompatibleProvider.builder().name("LocalSim").baseUrl(sim.baseUrl()).models(List.of(QWEN_MODEL))
                .environment(name -> null).build();
    }

    private static ProviderOptions options() {
        return ProviderOptions.builder().connectTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void fromAFailingGradioProviderToAnOpenAiCompatibleOne() {
        try (GradioSimulator gradio = GradioSimulator.builder().tokenDelay(Duration.ZERO).start();
             OpenAiSimulator sim = OpenAiSimulator.builder().models(List.of(QWEN_MODEL)).answer("From the OpenAI side.").start()) {
            gradio.nextFaults(dev.g4j.gradio.testkit.Fault.joinInternalError());
            try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                    .add(new PointedProvider(new Qwen25Provider(), gradio.baseUrl())).add(openAi(sim)).build()) {
                Answer a = Answer.of(registry.create(QWEN_MODEL, Messages.ofUser("Hello"), options()));
                assertThat(a.error).isNull();
                assertThat(providersTried(a)).containsExactly(Qwen25Provider.NAME, "LocalSim");
                assertThat(a.text()).isEqualTo("From the OpenAI side.");
                assertThat(a.last()).isEqualTo(ResponseChunk.finish("stop"));
            }
        }
    }

    @Test
    void fromAFailingOpenAiCompatibleProviderBackToGradio() {
        try (GradioSimulator gradio = GradioSimulator.builder().tokenDelay(Duration.ZERO).start();
             OpenAiSimulator sim = OpenAiSimulator.builder().models(List.of(QWEN_MODEL)).start()) {
            sim.nextFaults(Fault.status(500, "upstream exploded"));
            try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                    .add(openAi(sim)).add(new PointedProvider(new Qwen25Provider(), gradio.baseUrl())).build()) {
                Answer a = Answer.of(registry.create(QWEN_MODEL, Messages.ofUser("Hello"), options()));
                assertThat(a.error).isNull();
                assertThat(providersTried(a)).containsExactly("LocalSim", Qwen25Provider.NAME);
                assertThat(a.text()).isEqualTo("You said: Hello");
            }
        }
    }

    @Test
    void aRefusedLocalServerFailsOverAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OpenAiSimulator sim = OpenAiSimulator.builder().models(List.of("shared-model")).answer("Hosted answer.").start()) {
            OpenAiCompatibleProvider ollama = OpenAiCompatibleProvider.builder().name("Ollama")
                    .baseUrl("http://127.0.0.1:" + port + "/v1").models(List.of("shared-model")).local(true).build();
            OpenAiCompatibleProvider hosted = OpenAiCompatibleProvider.builder().name("Hosted").baseUrl(sim.baseUrl())
                    .models(List.of("shared-model")).environment(name -> null).build();
            try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(ollama).add(hosted).build()) {
                Answer a = Answer.of(registry.create("shared-model", Messages.ofUser("Hi"), options()));
                assertThat(a.error).isNull();
                assertThat(providersTried(a)).containsExactly("Ollama", "Hosted");
                assertThat(a.text()).isEqualTo("Hosted answer.");
            } finally {
                ollama.close();
                hosted.close();
            }
        }
    }

    @Test
    void noFailoverOnceTextFlowed() {
        try (OpenAiSimulator first = OpenAiSimulator.builder().models(List.of("m")).answer("partial answer here").start();
             OpenAiSimulator second = OpenAiSimulator.builder().models(List.of("m")).answer("second").start()) {
            first.nextFaults(Fault.errorEventAfter(1, "died"));
            OpenAiCompatibleProvider a1 = OpenAiCompatibleProvider.builder().name("First").baseUrl(first.baseUrl())
                    .models(List.of("m")).environment(name -> null).build();
            OpenAiCompatibleProvider a2 = OpenAiCompatibleProvider.builder().name("Second").baseUrl(second.baseUrl())
                    .models(List.of("m")).environment(name -> null).build();
            try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(a1).add(a2).build()) {
                Answer a = Answer.of(registry.create("m", Messages.ofUser("Hi"), options()));
                assertThat(a.text()).isEqualTo("partial ");
                assertThat(a.error).hasMessageContaining("died");
                assertThat(second.chatRequests()).isEmpty();
            } finally {
                a1.close();
                a2.close();
            }
        }
    }
}
