package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static void drain(RawSseClient stream) throws Exception {
        while (stream.nextData() != null) {
            // read to the end
        }
    }

    @Test
    void historyKeepsOnlyTheNewestEntriesAndNoWaiterLeaks() throws Exception {
        try (GradioSimulator sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).replyFunction(r -> List.of("a", "b"))
                .historyLimit(3).start()) {
            assertThat(sim.historyLimit()).isEqualTo(3);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = Wire.joinQwen(sim, "h" + i, "Hello");
                ids.add(id);
                try (RawSseClient stream = Wire.stream(sim, "h" + i)) {
                    drain(stream);
                }
                // Waiting for an event that is still running, or has just ended, works as before.
                assertThat(sim.awaitEvent(id, WAIT).orElseThrow().tokensYielded()).isEqualTo(2);
            }
            // 6 joins + 6 streams were received; only the newest 3 requests are kept, oldest dropped first.
            assertThat(sim.requests()).hasSize(3);
            assertThat(sim.requests().get(2).path()).contains("/queue/data");
            assertThat(sim.finishedEvents()).extracting(EventSummary::eventId).containsExactlyElementsOf(ids.subList(3, 6));
            assertThat(sim.awaitEvent(ids.get(5), Duration.ZERO)).isPresent();
            // An event that left the history is not found; the wait for it does not stay registered.
            assertThat(sim.awaitEvent(ids.get(0), Duration.ofMillis(20))).isEmpty();
            assertThat(sim.awaitEvent("never-joined", Duration.ofMillis(20))).isEmpty();
            assertThat(sim.pendingWaits()).isZero();
        }
    }

    @Test
    void defaultLimitAndValidation() {
        assertThatThrownBy(() -> GradioSimulator.builder().historyLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("historyLimit");
        try (GradioSimulator sim = GradioSimulator.builder().start()) {
            assertThat(sim.historyLimit()).isEqualTo(GradioSimulator.DEFAULT_HISTORY_LIMIT).isEqualTo(10_000);
        }
    }
}
