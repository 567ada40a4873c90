package dev.g4j.provider.openai;

import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.tck.ProviderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/** The provider TCK on an OpenAI-compatible provider, against the OpenAI simulator on loopback. */
class OpenAiContractTest extends ProviderContract {
    private static OpenAiSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = OpenAiSimulator.builder().answer("one two three four five six seven eight").start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Override
    protected AsyncGeneratorProvider createProvider() {
        return OpenAiCompatibleProvider.builder().name("Sim").baseUrl(simulator.baseUrl())
                .models(OpenAiSimulator.DEFAULT_MODELS).environment(name -> null).build();
    }

    @Override
    protected ProviderOptions options() {
        return ProviderOptions.builder().connectTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(10))
                .totalTimeout(Duration.ofSeconds(20)).build();
    }

    @Override
    protected long upstreamRequests() {
        return simulator.requests().size();
    }
}
