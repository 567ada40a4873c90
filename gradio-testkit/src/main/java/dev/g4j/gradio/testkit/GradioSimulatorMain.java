package dev.g4j.gradio.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a simulator from the command line and prints its base URL:
 * {@code --port N} (default 7860, 0 for a free port), {@code --mode 4|5|6} (default: the app's),
 * {@code --token-delay-ms N} (default 40), {@code --app qwen|tuples|chat4|chat5|chat5-thinking|chat6|qwen2|qwen3} (default qwen).
 */
public final class GradioSimulatorMain {

    private GradioSimulatorMain() {
    }

    /** Runs until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        GradioSimulator sim = launch(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }));
        System.out.println(sim.baseUrl());
        System.out.flush();
        stopped.await();
    }

    private static final String APPS = "qwen|tuples|chat4|chat5|chat5-thinking|chat6|qwen2|qwen3";

    /** Parses the options and starts the simulator; throws IllegalArgumentException on bad options. */
    static GradioSimulator launch(String... args) {
        int port = 7860;
        GradioMode mode = null;
        long delay = 40;
        SimulatedApp app = SimulatedApp.qwen25();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--mode" -> mode = switch (require(args[i], value)) {
                    case "4" -> GradioMode.GRADIO_4;
                    case "5" -> GradioMode.GRADIO_5;
                    case "6" -> GradioMode.GRADIO_6;
                    default -> throw usage("--mode must be 4, 5 or 6");
                };
                case "--token-delay-ms" -> delay = Long.parseLong(require(args[i], value));
                case "--app" -> app = switch (require(args[i], value)) {
                    case "qwen" -> SimulatedApp.qwen25();
                    case "tuples" -> SimulatedApp.tupleChatbot();
                    case "chat4" -> SimulatedApp.chatInterface4();
                    case "chat5" -> SimulatedApp.chatInterface5();
                    case "chat5-thinking" -> SimulatedApp.chatInterface5Thinking();
                    case "chat6" -> SimulatedApp.chatInterface6();
                    case "qwen2" -> SimulatedApp.qwen2_72b();
                    case "qwen3" -> SimulatedApp.qwen3Demo();
                    default -> throw usage("--app must be one of " + APPS);
                };
                default -> throw usage("unknown option " + args[i]);
            }
            i++;
        }
        GradioSimulator.Builder builder = GradioSimulator.builder().port(port).app(app);
        if (mode != null) {
            builder.mode(mode);
        }
        return builder.tokenDelay(Duration.ofMillis(delay)).start();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw usage(option + " needs a value");
        }
        return value;
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "; usage: GradioSimulatorMain [--port N] [--mode 4|5|6] [--token-delay-ms N] [--app " + APPS + "]");
    }
}
