package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;
import dev.g4j.gradio.testkit.ReplayServer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up costs, each in fresh JVMs. (1) The CLI: runs {@code java -jar g4j.jar --base-url <replay server> Hello}
 * as a process and takes the time from the process start to the arrival of its first HTTP request at the server
 * (which runs in this JVM and records wall-clock arrival times). The start is the instant just before
 * {@link ProcessBuilder#start()}: the OS start time ({@code ProcessHandle.Info.startInstant}) is derived from the
 * boot time in whole seconds on Linux and was off by up to a second, so it is not used. (2) {@link ProviderRegistry} discovery: {@link RegistryDiscoveryMain} in fresh JVMs.
 * Options: {@code --cli-jar PATH} (default {@code examples/target/g4j.jar}), {@code --runs N}, {@code --out FILE}.
 */
public final class StartupBenchmark {
    private StartupBenchmark() {
    }

    /** Runs both measurements and prints a markdown table. */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int runs = args.getInt("runs", 5);
        String jar = args.get("cli-jar", "examples/target/g4j.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("CLI jar not found: " + jar + " (build with mvn -pl benchmarks,examples -am package)");
        }
        List<Double> fromLaunch = new ArrayList<>();
        List<Double> toExit = new ArrayList<>();
        String firstLine = "";
        ReplayScript script = ReplayScript.qwen(20, true);
        for (int i = 0; i < runs; i++) {
            try (ReplayServer server = ReplayServer.builder(script).start()) {
                List<String> cmd = List.of(ChildJvm.javaCommand(), "-jar", jar, "--base-url", server.baseUrls().get(0), "Hello");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                Instant launch = Instant.now();
                Process p = pb.start();
                boolean exited = p.waitFor(60, TimeUnit.SECONDS);
                Instant end = Instant.now();
                if (!exited) {
                    p.destroyForcibly();
                }
                Instant first = server.stats().firstRequestAt();
                if (first == null || !exited || p.exitValue() != 0) {
                    System.out.println("run " + i + ": no request or failed exit (" + (exited ? p.exitValue() : "timeout") + ")");
                    continue;
                }
                firstLine = server.stats().firstRequestLine();
                if (i == 0) {
                    continue; // the first run warms the page cache; not counted
                }
                fromLaunch.add(Duration.between(launch, first).toNanos() / 1e6);
                toExit.add(Duration.between(launch, end).toNanos() / 1e6);
            }
        }
        List<Double> registry = new ArrayList<>();
        List<Double> jvmToMain = new ArrayList<>();
        String providers = "?";
        for (int i = 0; i < runs; i++) {
            try (ChildJvm c = ChildJvm.start(List.of(), RegistryDiscoveryMain.class.getName(), List.of())) {
                String line = c.awaitLine("REGISTRY ");
                c.waitFor(60);
                if (line == null || i == 0) {
                    continue;
                }
                var m = LoadHarness.parse(line);
                registry.add(Double.parseDouble(m.get("loadMs")));
                jvmToMain.add(Double.parseDouble(m.get("jvmToMainMs")));
                providers = m.get("providers") + " providers, " + m.get("models") + " models";
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("\n## Start-up, ").append(Instant.now()).append(", load average ")
                .append(StreamClientMain.fmt(ProcessProbe.loadAverage())).append("\n\n");
        md.append("| measurement | runs | median ms | min ms | max ms |\n|---|---|---|---|---|\n");
        md.append(line("CLI: process launch to first request (" + firstLine + ")", fromLaunch));
        md.append(line("CLI: process launch to exit (whole 20-token answer)", toExit));
        md.append(line("Registry: ProviderRegistry.load() in a fresh JVM (" + providers + ")", registry));
        md.append(line("Registry child: JVM start to main()", jvmToMain));
        md.append("\n(The first run of each kind is not counted: it warms the page cache.)\n");
        System.out.println(md);
        String out = args.get("out", "");
        if (!out.isEmpty()) {
            LoadHarness.appendResults(Path.of(out), md.toString());
        }
        System.exit(0);
    }

    private static String line(String what, List<Double> values) {
        if (values.isEmpty()) {
            return "| " + what + " | 0 | - | - | - |\n";
        }
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return "| " + what + " | " + v.size() + " | " + StreamClientMain.fmt(v.get(v.size() / 2)) + " | "
                + StreamClientMain.fmt(v.get(0)) + " | " + StreamClientMain.fmt(v.get(v.size() - 1)) + " |\n";
    }
}
