package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayServerTest {
    @Test
    void pacedStreamsShareOneTimerPerEventLoop() throws Exception {
        int streams = 20;
        try (ReplayServer server = ReplayServer.builder(ReplayScript.qwen(5, false)).eventLoops(1)
                .tokenInterval(Duration.ofMillis(1)).start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> bodies = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                URI uri = URI.create(server.baseUrls().get(0) + "/queue/data?session_hash=s" + i);
                bodies.add(http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> body : bodies) {
                assertThat(body.get().body()).contains("process_completed");
            }
            assertThat(server.stats().streamsCompleted()).isEqualTo(streams);
            // one timer per request used to keep ticking after its stream ended, two busy cores after a load run
            assertThat(server.stats().pacingTimers()).isEqualTo(1);
        }
    }
}
