package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.gradiochat.internal.AnyGradioAppProvider;
import dev.g4j.provider.tck.ProviderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/** The provider TCK on the zero-code {@code Gradio} provider, chatting with a simulated Gradio 5 ChatInterface. */
class AnyGradioAppContractTest extends ProviderContract {
    private static GradioSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = GradioSimulator.builder().app(SimulatedApp.chatInterface5()).tokenDelay(Duration.ofMillis(2)).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Override
    protected AsyncGeneratorProvider createProvider() {
        return new AnyGradioAppProvider();
    }

    @Override
    protected String model() {
        return simulator.baseUrl();
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
