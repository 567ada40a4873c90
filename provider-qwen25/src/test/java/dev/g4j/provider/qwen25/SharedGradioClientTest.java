package dev.g4j.provider.qwen25;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One Gradio client serves every request setting; no setting ever closes another request's client. */
class SharedGradioClientTest {
    @Test
    void manyDistinctSettingsNeverCloseARunningCall() throws Exception {
        try (GradioSimulator sim = GradioSimulator.builder().tokenDelay(Duration.ofMillis(100)).start();
             Qwen25Provider provider = new Qwen25Provider()) {
            CompletableFuture<String> first = provider.createAsyncGenerator("qwen-2.5", Messages.ofUser("first"),
                    options(sim, "token-0")).text();
            List<CompletableFuture<String>> others = new ArrayList<>();
            for (int i = 1; i <= 20; i++) { // more distinct settings than the former 16-client cache held
                others.add(provider.createAsyncGenerator("qwen-2.5", Messages.ofUser("n" + i), options(sim, "token-" + i)).text());
            }
            for (int i = 0; i < others.size(); i++) {
                assertThat(others.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("You said: n" + (i + 1));
            }
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("You said: first");
            assertThat(sim.requests()).filteredOn(r -> r.path().endsWith("/queue/join"))
                    .extracting(r -> r.header("authorization").orElse(null))
                    .contains("Bearer token-0", "Bearer token-20");
        }
    }

    private static ProviderOptions options(GradioSimulator sim, String token) {
        return ProviderOptions.builder().baseUrl(sim.baseUrl()).idleTimeout(Duration.ofSeconds(10))
                .param("bearerToken", token).build();
    }
}
