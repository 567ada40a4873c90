package dev.g4j.provider.gradiochat;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.gradiochat.spaces.Qwen2Instruct72BProvider;
import dev.g4j.provider.tck.ProviderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/** The provider TCK on the {@link Qwen2Instruct72BProvider} spec, against its simulated Space on loopback. */
class Qwen2ContractTest extends ProviderContract {
    private static GradioSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = GradioSimulator.builder().app(SimulatedApp.qwen2_72b()).tokenDelay(Duration.ofMillis(2)).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Override
    protected AsyncGeneratorProvider createProvider() {
        return new Qwen2Instruct72BProvider();
    }

    @Override
    protected ProviderOptions options() {
        return ProviderOptions.builder().baseUrl(simulator.baseUrl()).connectTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(10)).totalTimeout(Duration.ofSeconds(20)).build();
    }

    @Override
    protected long upstreamRequests() {
        return simulator.requests().size();
    }
}
