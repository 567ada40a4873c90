package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;
import dev.g4j.gradio.testkit.ReplayServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The replay server as a separate process, so that the client JVM's heap, RSS and threads are its own. Options:
 * {@code --tokens N}, {@code --interval-ms N} (0 = as fast as the socket takes it), {@code --ports N},
 * {@code --event-loops N}, {@code --warm-tokens N}, {@code --max-seconds N}. Prints {@code BASES url,…} and
 * {@code WARM url} (an unpaced server for the client's warm-up), then answers {@code STATS} lines on standard input
 * with a {@code STATS …} line, and stops at end of input or after the time limit.
 */
public final class ReplayServerMain {
    private ReplayServerMain() {
    }

    /** Runs until standard input ends or the time limit passes. */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        long maxSeconds = args.getLong("max-seconds", 600);
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("replay server: time limit reached, exiting");
            Runtime.getRuntime().halt(3);
        }, "time-limit");
        limit.setDaemon(true);
        limit.start();
        ReplayScript script = ReplayScript.qwen(args.getInt("tokens", 1000), true);
        try (ReplayServer server = ReplayServer.builder(script).ports(args.getInt("ports", 1))
                .eventLoops(args.getInt("event-loops", 1))
                .tokenInterval(Duration.ofMillis(args.getLong("interval-ms", 0))).start();
             ReplayServer warm = ReplayServer.builder(ReplayScript.qwen(args.getInt("warm-tokens", 200), true)).start()) {
            System.out.println("BASES " + String.join(",", server.baseUrls()));
            System.out.println("WARM " + warm.baseUrls().get(0));
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("STATS")) {
                    System.out.println("STATS " + server.stats());
                    System.out.flush();
                } else if (line.equals("QUIT")) {
                    break;
                }
            }
        }
    }
}
