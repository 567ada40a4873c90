package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;
import dev.g4j.gradio.testkit.ReplayServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start-up target of the {@code g4j} command, measured as a user runs it: {@code ./g4j --base-url URL
 * --no-stream Hello} against a local replay of a short Qwen answer, versus {@code benchmarks/startup/aiohttp_client.py}
 * (a minimal Python aiohttp client of the same three requests), alternating, each under GNU {@code time} for the
 * wall time and the peak RSS. Reports the medians, the ratio, and which JDK the launcher chose.
 *
 * <p>Options: {@code --launcher PATH} (default {@code ./g4j}), {@code --python PATH} (default
 * {@code /usr/bin/python3}, which has Debian's python3-aiohttp), {@code --runs N} (default 5, after one warm-up run
 * of each that is not counted and that also lets the launcher train its class-data archive), {@code --out FILE}.
 */
public final class LauncherVsPythonBenchmark {
    private LauncherVsPythonBenchmark() {
    }

    /**
     * Runs the comparison and prints a markdown table.
     *
     * @param argv the options above
     * @throws Exception when a process cannot be run
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int runs = args.getInt("runs", 5);
        String launcher = args.get("launcher", "./g4j");
        String python = args.get("python", "/usr/bin/python3");
        String client = args.get("client", "benchmarks/startup/aiohttp_client.py");
        List<double[]> g4j = new ArrayList<>();
        List<double[]> py = new ArrayList<>();
        String jdk;
        try (ReplayServer server = ReplayServer.builder(ReplayScript.qwen(20, false)).start()) {
            String base = server.baseUrls().get(0);
            List<String> g4jCommand = List.of(launcher, "--base-url", base, "--no-stream", "Hello");
            List<String> pyCommand = List.of(python, client, base, "Hello");
            jdk = firstLine(List.of(launcher, "--version"));
            timed(g4jCommand);
            awaitArchive(launcher, g4jCommand);
            timed(pyCommand);
            for (int i = 0; i < runs; i++) {
                g4j.add(timed(g4jCommand));
                py.add(timed(pyCommand));
            }
        }
        double g4jWall = median(g4j, 0);
        double pyWall = median(py, 0);
        StringBuilder md = new StringBuilder();
        md.append("\n## Launcher start-up vs Python aiohttp, ").append(Instant.now()).append(", load average ")
                .append(StreamClientMain.fmt(ProcessProbe.loadAverage())).append("\n\n")
                .append("Launcher JDK: ").append(jdk).append("\n\n")
                .append("| client | runs | median wall s | median peak RSS MiB |\n|---|---|---|---|\n")
                .append("| `./g4j --base-url URL --no-stream Hello` | ").append(g4j.size()).append(" | ")
                .append(String.format("%.3f", g4jWall)).append(" | ").append(String.format("%.1f", median(g4j, 1) / 1024))
                .append(" |\n| `aiohttp_client.py URL Hello` | ").append(py.size()).append(" | ")
                .append(String.format("%.3f", pyWall)).append(" | ").append(String.format("%.1f", median(py, 1) / 1024))
                .append(" |\n\nRatio of medians (g4j / Python): ").append(String.format("%.2f", g4jWall / pyWall))
                .append("x (target: at most 2.5x; peak RSS target: at most 80 MiB)\n");
        System.out.println(md);
        String out = args.get("out", "");
        if (!out.isEmpty()) {
            LoadHarness.appendResults(Path.of(out), md.toString());
        }
        System.exit(0);
    }

    /** Runs once more while the launcher's background archive training is still going, so it is done before timing. */
    private static void awaitArchive(String launcher, List<String> command) throws Exception {
        Path target = Path.of(launcher).toAbsolutePath().getParent().resolve("examples/target");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            boolean training;
            try (var files = Files.list(target)) {
                training = files.anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
            }
            if (!training) {
                return;
            }
            timed(command);
        }
    }

    /** Wall seconds and peak RSS KiB of one run, from GNU time. */
    private static double[] timed(List<String> command) throws IOException, InterruptedException {
        Path report = Files.createTempFile("g4j-time", ".txt");
        try {
            List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString(), "-f", "%e %M"));
            full.addAll(command);
            Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
            }
            String[] parts = Files.readString(report, StandardCharsets.UTF_8).strip().split("\\s+");
            String[] last = parts.length >= 2 ? new String[] {parts[parts.length - 2], parts[parts.length - 1]} : parts;
            return new double[] {Double.parseDouble(last[0]), Double.parseDouble(last[1])};
        } finally {
            Files.deleteIfExists(report);
        }
    }

    private static String firstLine(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse("?");
    }

    private static double median(List<double[]> samples, int column) {
        List<Double> v = new ArrayList<>();
        for (double[] s : samples) {
            v.add(s[column]);
        }
        Collections.sort(v);
        return v.isEmpty() ? Double.NaN : v.get(v.size() / 2);
    }
}
