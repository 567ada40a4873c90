package dev.g4j.springai;

import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.g4j.springai.internal.BaseUrlPinning;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Spring Boot auto-configuration: a {@link ProviderRegistry} loaded from the class path (closed with the context) and
 * a {@link G4jChatModel} over it configured by {@link G4jProperties}, so that Spring AI's {@code ChatClient.Builder}
 * has a model. A bean of either type defined by the application replaces the one made here.
 */
@AutoConfiguration(beforeName = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration")
@ConditionalOnClass({ChatModel.class, ProviderRegistry.class})
@EnableConfigurationProperties(G4jProperties.class)
public class G4jAutoConfiguration {

    /** Made by Spring. */
    public G4jAutoConfiguration() {
    }

    /**
     * The registry of the providers on the class path; Spring closes it with the context.
     *
     * @return the registry
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ProviderRegistry g4jProviderRegistry() {
        return ProviderRegistry.load();
    }

    /**
     * The chat model. With {@code g4j.base-url}, the model is pinned to the one provider that URL applies to.
     *
     * @param registry the registry
     * @param properties the {@code g4j.*} properties
     * @return the model, which does not own the registry
     * @throws IllegalArgumentException when a property is malformed (the message names it)
     * @throws dev.g4j.provider.api.ProviderException when {@code g4j.base-url} is set and no provider serves
     *         {@code g4j.model}
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public G4jChatModel g4jChatModel(ProviderRegistry registry, G4jProperties properties) {
        ProviderOptions.Builder options = ProviderOptions.builder();
        String model = properties.model();
        try {
            options.proxy(properties.proxy());
            if (properties.timeout() != null) {
                options.totalTimeout(properties.timeout())
                        .idleTimeout(min(properties.timeout(), ProviderOptions.DEFAULT_IDLE_TIMEOUT))
                        .connectTimeout(min(properties.timeout(), ProviderOptions.DEFAULT_CONNECT_TIMEOUT));
            }
            if (properties.connectTimeout() != null) {
                options.connectTimeout(properties.connectTimeout());
            }
            if (properties.idleTimeout() != null) {
                options.idleTimeout(properties.idleTimeout());
            }
            if (properties.totalTimeout() != null) {
                options.totalTimeout(properties.totalTimeout());
            }
            if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
                options.baseUrl(properties.baseUrl());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid g4j.* property: " + e.getMessage(), e);
        }
        if (properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            model = BaseUrlPinning.pin(registry, model);
        }
        return G4jChatModel.builder().registry(registry).model(model).options(options.build()).build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
