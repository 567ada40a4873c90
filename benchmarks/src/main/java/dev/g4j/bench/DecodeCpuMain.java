package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The decode path's rate in events per second of this thread's CPU time, for a machine too loaded for JMH's wall
 * clock: the thread's CPU time does not count the time other processes hold the cores. Decodes one
 * {@code --tokens}-token reply (default 10,000) per repetition through each {@link DecodePipeline} stage,
 * {@code --warmup} times unmeasured (default 30), then {@code --runs} times (default 30), and prints the best and
 * median rate of {@code --samples} samples (default 5). Single-threaded: the rates are per core.
 */
public final class DecodeCpuMain {
    private DecodeCpuMain() {
    }

    /** Runs every stage and prints one line per stage. */
    public static void main(String[] argv) {
        Args args = new Args(argv);
        int tokens = args.getInt("tokens", 10_000);
        int warmup = args.getInt("warmup", 30);
        int runs = args.getInt("runs", 30);
        int samples = args.getInt("samples", 5);
        ReplayScript script = ReplayScript.qwen(tokens, false);
        byte[] body = script.bytes();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (DecodePipeline.Stage stage : DecodePipeline.Stage.values()) {
            for (int i = 0; i < warmup; i++) {
                DecodePipeline.decode(body, DecodeBenchmark.CHUNK, stage, null);
            }
            double[] rates = new double[samples];
            for (int s = 0; s < samples; s++) {
                long events = 0;
                long cpu = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < runs; i++) {
                    events += DecodePipeline.decode(body, DecodeBenchmark.CHUNK, stage, null);
                }
                rates[s] = events / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
            }
            java.util.Arrays.sort(rates);
            System.out.printf("%-8s tokens=%d events/cpu-s: best %,.0f median %,.0f%n", stage, tokens, rates[samples - 1],
                    rates[samples / 2]);
        }
    }
}
