package dev.g4j.springai;

import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.g4j.provider.testing.FakeProvider;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the {@code g4j.*} properties become the model's options, and how an application's own beans win. */
class G4jAutoConfigurationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** An application that brings its own registry, with a fake provider. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OwnRegistryApp {
        static final FakeProvider FAKE = new FakeProvider();

        @Bean
        ProviderRegistry myRegistry() {
            return ProviderRegistry.builder().useDefaultClassLoaders(false).add(FAKE).build();
        }
    }

    private static ConfigurableApplicationContext run(Class<?> app, String... properties) {
        return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).logStartupInfo(false)
                .properties(properties).run();
    }

    @Test
    void timeoutsProxyAndBaseUrlBecomeTheModelsOptions() {
        try (ConfigurableApplicationContext context = run(App.class, "g4j.timeout=5s", "g4j.idle-timeout=2s",
                "g4j.proxy=socks5://127.0.0.1:1080", "g4j.model=Qwen_Qwen_2_5:qwen2.5-7b-instruct",
                "g4j.base-url=http://127.0.0.1:7860/")) {
            G4jChatModel model = context.getBean(G4jChatModel.class);
            ProviderOptions options = model.options();

            assertThat(options.totalTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(options.connectTimeout()).as("capped at g4j.timeout").isEqualTo(Duration.ofSeconds(5));
            assertThat(options.idleTimeout()).as("its own property wins").isEqualTo(Duration.ofSeconds(2));
            assertThat(options.proxy()).contains(URI.create("socks5://127.0.0.1:1080"));
            assertThat(options.baseUrl()).contains(URI.create("http://127.0.0.1:7860"));
            assertThat(model.model()).isEqualTo("Qwen_Qwen_2_5:qwen2.5-7b-instruct");
        }
    }

    @Test
    void withoutPropertiesTheDefaultChainAndDefaultOptionsApply() {
        try (ConfigurableApplicationContext context = run(App.class)) {
            G4jChatModel model = context.getBean(G4jChatModel.class);
            assertThat(model.model()).isNull();
            assertThat(model.options()).isEqualTo(ProviderOptions.defaults());
        }
    }

    @Test
    void aMalformedPropertyFailsTheStartWithItsName() {
        assertThatThrownBy(() -> run(App.class, "g4j.base-url=ftp://127.0.0.1/"))
                .hasStackTraceContaining("Invalid g4j.* property")
                .hasStackTraceContaining("must be an absolute http:// or https:// URL");
        assertThatThrownBy(() -> run(App.class, "g4j.base-url=http://127.0.0.1:7860", "g4j.model=no-such-model"))
                .hasStackTraceContaining("no-such-model");
    }

    @Test
    void theApplicationsOwnRegistryIsUsed() {
        try (ConfigurableApplicationContext context = run(OwnRegistryApp.class, "g4j.model=Fake:")) {
            String answer = context.getBean(ChatClient.Builder.class).build().prompt("Hi").call().content();
            assertThat(answer).isEqualTo("Hello world");
            assertThat(context.getBeansOfType(ProviderRegistry.class)).containsOnlyKeys("myRegistry");
        }
    }
}
