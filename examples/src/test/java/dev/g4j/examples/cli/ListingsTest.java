package dev.g4j.examples.cli;

import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.openai.OpenAiCompatibleProvider;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --list-models} discovery, in process: servers that answer, refuse or stall. */
class ListingsTest {

    @Test
    void discoveryShowsReportedModelsAndFallsBackForRefusedAndStalledServers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (OpenAiSimulator sim = OpenAiSimulator.start();
             ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Accepts connections and never answers.
            CompletableFuture.runAsync(() -> {
                try {
                    while (!stalled.isClosed()) {
                        Socket ignored = stalled.accept();
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                    .add(local("Up", sim.baseUrl())).add(local("Down", "http://127.0.0.1:" + closedPort + "/v1"))
                    .add(local("Stalled", "http://127.0.0.1:" + stalled.getLocalPort() + "/v1")).build()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                CompletableFuture<Void> listing = CompletableFuture.runAsync(() -> Listings.models(registry,
                        ProviderOptions.defaults(), null, null, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
                // Never hangs: the stalled server costs the discovery limit, not the 600 s default timeout.
                listing.get(Listings.DISCOVERY_TIME.toSeconds() + 20, TimeUnit.SECONDS);
                String out = bytes.toString(StandardCharsets.UTF_8);

                assertThat(section(out, "Up")).contains("reported by the server", "sim-model", "sim-reasoner")
                        .doesNotContain("configured-only");
                assertThat(section(out, "Down")).contains("server not reachable", "configured list", "configured-only");
                assertThat(section(out, "Stalled")).contains("configured list", "configured-only");
            }
        }
    }

    @Test
    void closedModelListsAreNotAsked() {
        try (OpenAiSimulator sim = OpenAiSimulator.start();
             ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                     .add(OpenAiCompatibleProvider.builder().name("Closed").baseUrl(sim.baseUrl())
                             .models(List.of("configured-only")).build()).build()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Listings.models(registry, ProviderOptions.defaults(), null, null,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("configured-only").doesNotContain("reported");
            assertThat(sim.requests()).isEmpty();
        }
    }

    private static OpenAiCompatibleProvider local(String name, String baseUrl) {
        return OpenAiCompatibleProvider.builder().name(name).baseUrl(baseUrl).models(List.of("configured-only"))
                .openModelList(true).build();
    }

    /** The lines of one provider's block. */
    private static String section(String out, String provider) {
        int start = out.indexOf(provider + " (");
        int end = out.indexOf("\n\n", start);
        return out.substring(start, end < 0 ? out.length() : end);
    }
}
