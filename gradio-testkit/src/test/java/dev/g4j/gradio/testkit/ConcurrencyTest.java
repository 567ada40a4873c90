package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

    @Test
    void manySessionsWithSelectedFaultsAllTerminateProperly() throws Exception {
        List<FaultPlan> plans = List.of(FaultPlan.none(), FaultPlan.of(Fault.failAfter(1)),
                FaultPlan.of(Fault.duplicateLastChunk()), FaultPlan.of(Fault.lineEndings(LineEnding.CRLF)),
                FaultPlan.of(Fault.queued(1, Duration.ofMillis(3))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (GradioSimulator sim = GradioSimulator.builder().tokenDelay(Duration.ofMillis(1)).start()) {
            sim.faultSelector(join -> plans.get((int) (join.sequence() % plans.size())));
            List<CompletableFuture<String>> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String session = "soak" + i;
                bodies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        Wire.joinQwen(sim, session, "hello number " + session);
                        Wire.joinQwen(sim, session, "second " + session);
                        try (RawSseClient stream = Wire.stream(sim, session)) {
                            String body = stream.readToEnd();
                            assertThat(stream.endedCleanly).isTrue();
                            return body;
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(bodies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            for (CompletableFuture<String> future : bodies) {
                String body = future.join().replace("\r\n", "\n");
                assertThat(body.split("\"msg\":\"process_completed\"", -1)).hasSize(3);
                assertThat(body).endsWith("data: {\"msg\":\"close_stream\",\"event_id\":null}\n\n");
            }
            assertThat(sim.finishedEvents()).hasSize(40);
            assertThat(sim.openStreams()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
