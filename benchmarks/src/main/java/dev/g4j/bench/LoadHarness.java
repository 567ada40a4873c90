package dev.g4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end load harness: for each {@link Scenario}, starts a replay server process, runs the raw drain and then
 * g4j in fresh client JVMs ({@code -Xmx512m}) against it, and prints a table of throughput, token delays, memory
 * and threads, with the g4j/raw ratios. Options: {@code --quick}, {@code --only NAME[,NAME]},
 * {@code --out FILE} (markdown results, appended), {@code --clients raw,g4j}, {@code --jfr FILE} (a recording of
 * the g4j client), {@code --client-jvm "FLAGS"} (JVM flags added to both clients, e.g. a GC setting).
 */
public final class LoadHarness {
    private static final List<String> CLIENT_JVM = List.of("-Xmx512m", "-XX:+UseG1GC");
    private static final List<String> SERVER_JVM = List.of("-Xmx1g", "-XX:+UseG1GC");

    private LoadHarness() {
    }

    /** Runs the scenarios and exits. */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        boolean quick = args.flag("quick");
        List<Scenario> scenarios = quick ? quickScenarios() : fullScenarios();
        String only = args.get("only", "");
        StringBuilder md = new StringBuilder();
        StringBuilder rawLines = new StringBuilder();
        md.append("\n## Load harness, ").append(quick ? "quick" : "full").append(" run, ").append(Instant.now()).append("\n\n");
        md.append("| scenario | client | streams x tokens | tok/s | tok per client CPU-s | g4j/raw time | g4j/raw CPU | p50 delay ms | p99 delay ms | steady p50 / p99 ms | open at sample | heap/stream KiB | RSS/stream KiB | threads (base/open/peak) | server max open | errors | load avg |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(s.name())) {
                continue;
            }
            System.out.println("== " + s);
            List<String> clientJvm = new ArrayList<>(CLIENT_JVM);
            String extra = args.get("client-jvm", "");
            if (!extra.isBlank()) {
                clientJvm.addAll(List.of(extra.trim().split("\\s+")));
            }
            List<Map<String, String>> results = run(s, List.of(args.get("clients", "raw,g4j").split(",")), args.get("jfr", ""),
                    clientJvm);
            Map<String, String> raw = find(results, "raw");
            Map<String, String> g4j = find(results, "g4j");
            for (Map<String, String> r : results) {
                md.append(row(s, r, raw, g4j)).append('\n');
                rawLines.append(s.name()).append(' ').append(r).append('\n');
            }
            System.out.print(md.substring(md.lastIndexOf("|---|") + 6));
        }
        md.append("\n<details><summary>raw result lines</summary>\n\n```\n").append(rawLines).append("```\n</details>\n");
        System.out.println(md);
        String out = args.get("out", "");
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), md.toString(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    static List<Scenario> quickScenarios() {
        return List.of(
                new Scenario("long-10k", 1, 10_000, 0, 1, false, 120),
                new Scenario("fast-c100", 100, 100, 0, 1, false, 120),
                new Scenario("fast-c1000", 1000, 100, 0, Scenario.portsFor(1000), false, 120),
                new Scenario("paced-c1", 1, 100, 50, 1, true, 60),
                new Scenario("paced-c100", 100, 100, 50, 1, true, 60),
                new Scenario("paced-c1000", 1000, 100, 50, Scenario.portsFor(1000), true, 90),
                new Scenario("paced-c10000", 10_000, 30, 500, Scenario.portsFor(10_000), true, 150));
    }

    static List<Scenario> fullScenarios() {
        return List.of(
                new Scenario("long-10k", 1, 10_000, 0, 1, false, 120),
                new Scenario("long-100k", 1, 100_000, 0, 1, false, 300),
                new Scenario("fast-c100", 100, 200, 0, 1, false, 120),
                new Scenario("fast-c1000", 1000, 200, 0, Scenario.portsFor(1000), false, 180),
                new Scenario("fast-c10000", 10_000, 100, 0, Scenario.portsFor(10_000), false, 300),
                new Scenario("paced-c1", 1, 200, 50, 1, true, 60),
                new Scenario("paced-c100", 100, 200, 50, 1, true, 90),
                new Scenario("paced-c1000", 1000, 200, 50, Scenario.portsFor(1000), true, 120),
                new Scenario("paced-c10000", 10_000, 40, 500, Scenario.portsFor(10_000), true, 200),
                new Scenario("paced-c10000-slow", 10_000, 12, 2000, Scenario.portsFor(10_000), true, 200),
                new Scenario("paced-c1000-one-origin", 1000, 40, 50, 1, true, 180));
    }

    private static Map<String, String> find(List<Map<String, String>> results, String client) {
        return results.stream().filter(r -> client.equals(r.get("client"))).findFirst().orElse(Map.of());
    }

    private static List<Map<String, String>> run(Scenario s, List<String> clients, String jfr, List<String> clientJvm)
            throws Exception {
        List<String> serverArgs = List.of("--tokens", Integer.toString(s.tokens()), "--interval-ms", Long.toString(s.intervalMs()),
                "--ports", Integer.toString(s.ports()), "--event-loops", "2", "--warm-tokens", "200",
                "--max-seconds", Long.toString(2 * s.timeLimitS() + 120));
        List<Map<String, String>> results = new ArrayList<>();
        for (String client : clients) {
            try (ChildJvm server = ChildJvm.start(SERVER_JVM, ReplayServerMain.class.getName(), serverArgs)) {
                String bases = server.awaitLine("BASES ");
                String warm = server.awaitLine("WARM ");
                if (bases == null || warm == null) {
                    throw new IllegalStateException("the replay server did not start");
                }
                double loadBefore = ProcessProbe.loadAverage();
                List<String> clientArgs = new ArrayList<>(List.of("--client", client, "--bases", bases, "--warm", warm,
                        "--warm-streams", "100", "--warm-tokens", "200", "--streams", Integer.toString(s.streams()),
                        "--tokens", Integer.toString(s.tokens()), "--time-limit-s", Long.toString(s.timeLimitS())));
                if (s.sampleMemory()) {
                    clientArgs.add("--sample-memory");
                }
                Map<String, String> r;
                List<String> jvm = new ArrayList<>(clientJvm);
                if (!jfr.isEmpty() && client.equals("g4j")) {
                    jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
                }
                try (ChildJvm c = ChildJvm.start(jvm, StreamClientMain.class.getName(), clientArgs)) {
                    String line = c.awaitLine("RESULT ");
                    c.waitFor(s.timeLimitS() + 60);
                    r = parse(line == null ? "client=" + client + " failed=crashed" : line);
                    r.put("client", client);
                }
                server.send("STATS");
                String stats = server.awaitLine("STATS ");
                r.putAll(prefixed("server.", stats == null ? "" : stats));
                server.send("QUIT");
                r.put("load", StreamClientMain.fmt(loadBefore) + "/" + StreamClientMain.fmt(ProcessProbe.loadAverage()));
                System.out.println("  " + r);
                results.add(r);
            }
        }
        return results;
    }

    private static String row(Scenario s, Map<String, String> r, Map<String, String> raw, Map<String, String> g4j) {
        String ratio = "";
        String cpuRatio = "";
        if (r == g4j && raw.containsKey("seconds") && raw.containsKey("cpuSeconds") && g4j.containsKey("seconds")) {
            if (s.intervalMs() == 0) {
                ratio = StreamClientMain.fmt(Double.parseDouble(g4j.get("seconds")) / Double.parseDouble(raw.get("seconds"))) + "x";
            }
            cpuRatio = StreamClientMain.fmt(Double.parseDouble(g4j.get("cpuSeconds")) / Double.parseDouble(raw.get("cpuSeconds"))) + "x";
        }
        String threads = r.getOrDefault("threadsBase", "-") + "/" + r.getOrDefault("threadsOpen", "-") + "/"
                + r.getOrDefault("peakThreads", "-");
        String errors = r.getOrDefault("failed", "?") + (r.containsKey("firstError") ? " (" + r.get("firstError") + ")" : "");
        return "| " + s.name() + " | " + r.get("client") + " | " + s.streams() + " x " + s.tokens()
                + (s.intervalMs() > 0 ? " @" + s.intervalMs() + "ms" : "") + " | " + r.getOrDefault("tokPerSec", "-")
                + " | " + r.getOrDefault("tokPerCpuSec", "-") + " | " + ratio + " | " + cpuRatio + " | " + ms(r.get("p50us")) + " | " + ms(r.get("p99us")) + " | " + steady(r) + " | " + r.getOrDefault("openAtSample", "-")
                + " | " + perStream(s, r, "heapPerStreamKiB") + " | " + perStream(s, r, "rssPerStreamKiB") + " | " + threads
                + " | " + r.getOrDefault("server.maxOpen", "-") + " | " + errors + " | " + r.get("load") + " |";
    }

    private static String steady(Map<String, String> r) {
        String n = r.get("steadyTokens");
        return n == null || n.equals("0") ? "-" : ms(r.get("steadyP50us")) + " / " + ms(r.get("steadyP99us"));
    }

    /** Per-stream memory is noise below 100 streams. */
    private static String perStream(Scenario s, Map<String, String> r, String key) {
        return s.streams() < 100 ? "n/a" : r.getOrDefault(key, "-");
    }

    private static String ms(String micros) {
        return micros == null ? "-" : StreamClientMain.fmt(Double.parseDouble(micros) / 1000);
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : line.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    private static Map<String, String> prefixed(String prefix, String line) {
        Map<String, String> m = new LinkedHashMap<>();
        parse(line).forEach((k, v) -> m.put(prefix + k, v));
        return m;
    }

    static void appendResults(Path file, String text) throws IOException {
        Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
