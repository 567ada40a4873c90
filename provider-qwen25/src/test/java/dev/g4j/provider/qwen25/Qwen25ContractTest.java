package dev.g4j.provider.qwen25;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.tck.ProviderContract;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The provider TCK on the Qwen 2.5 provider, against the Gradio simulator on loopback. */
class Qwen25ContractTest extends ProviderContract {
    private static GradioSimulator simulator;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        simulator = GradioSimulator.builder().tokenDelay(Duration.ofMillis(2)).start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    protected AsyncGeneratorProvider createProvider() {
        return new Qwen25Provider(vertx);
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
