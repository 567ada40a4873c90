package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradioSimulatorMainTest {

    @Test
    void launchesWithTheGivenOptions() throws Exception {
        try (GradioSimulator sim = GradioSimulatorMain.launch("--port", "0", "--mode", "5", "--app", "tuples",
                "--token-delay-ms", "0")) {
            assertThat(sim.mode()).isEqualTo(GradioMode.GRADIO_5);
            assertThat(sim.app().chatFnIndex()).isZero();
            assertThat(Wire.get(sim.baseUrl() + "/gradio_api/info").body()).contains("\"/respond\"");
        }
    }

    @Test
    void aNewAppRunsInItsOwnModeUnlessOneIsGiven() throws Exception {
        try (GradioSimulator sim = GradioSimulatorMain.launch("--port", "0", "--app", "chat6")) {
            assertThat(sim.mode()).isEqualTo(GradioMode.GRADIO_6);
            assertThat(Wire.get(sim.baseUrl() + "/gradio_api/info").body()).contains("\"/respond\"");
        }
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> GradioSimulatorMain.launch("--mode", "7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mode must be 4, 5 or 6");
        assertThatThrownBy(() -> GradioSimulatorMain.launch("--app", "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--app must be one of qwen|");
        assertThatThrownBy(() -> GradioSimulatorMain.launch("--verbose"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
        assertThatThrownBy(() -> GradioSimulatorMain.launch("--port"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
    }
}
