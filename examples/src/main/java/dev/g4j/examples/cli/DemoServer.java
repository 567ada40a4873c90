package dev.g4j.examples.cli;

import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.gradio.testkit.SimulatedApp;

import java.time.Duration;
import java.util.List;

/**
 * {@code --demo}: the gradio-testkit simulator of the Qwen 2.5 Space on loopback. The CLI points the real Qwen
 * provider at it with a base URL, so the whole protocol path runs, with no network and no model behind it.
 */
final class DemoServer implements AutoCloseable {
    /** The provider the simulator imitates. */
    static final String PROVIDER = "Qwen_Qwen_2_5";

    /** The start of the system prompt the Space uses when the user sets none; not worth repeating. */
    private static final String SPACE_DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud.";

    private final GradioSimulator simulator;

    private DemoServer(GradioSimulator simulator) {
        this.simulator = simulator;
    }

    static DemoServer start() {
        GradioSimulator sim = GradioSimulator.builder()
                .app(SimulatedApp.qwen25())
                .replyFunction(DemoServer::reply)
                .tokenDelay(Duration.ofMillis(30))
                .start();
        return new DemoServer(sim);
    }

    String baseUrl() {
        return simulator.baseUrl();
    }

    /** A reply that shows what reached the "model": the prompt, the earlier exchanges and the system prompt. */
    static List<String> reply(ChatRequest request) {
        StringBuilder sb = new StringBuilder("[simulated] You said: \"").append(request.prompt().strip()).append("\".");
        int earlier = request.history().size();
        if (earlier > 0) {
            sb.append(" I remember ").append(earlier).append(earlier == 1 ? " earlier exchange." : " earlier exchanges.");
        }
        if (request.system() != null && !request.system().isBlank() && !request.system().startsWith(SPACE_DEFAULT_SYSTEM)) {
            sb.append(" System prompt: \"").append(request.system().strip()).append("\".");
        }
        sb.append(" (No model is running: this is g4j's local simulator of the Qwen 2.5 Space.)");
        return ReplyFunction.splitWords(sb.toString());
    }

    @Override
    public void close() {
        simulator.close();
    }
}
