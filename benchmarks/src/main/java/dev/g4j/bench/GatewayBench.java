package dev.g4j.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the OpenAI gateway adds to the library path, measured with the {@link StampProvider} (no network upstream):
 * the delay per token and the CPU per token of the library path and of the gateway, each in a child JVM
 * ({@link GatewayBenchServerMain}); then many concurrent streaming clients held by one gateway, with their delays.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.g4j.bench.GatewayBench [--quick] [--clients N]
 * </pre>
 *
 * Delays are measured from the moment the provider emits a token to the moment the reader has it: in-process
 * for the library path; across the loopback, through the gateway's SSE, for the gateway (clocks are the same
 * machine's wall clock, in microseconds).
 */
public final class GatewayBench {
    private static final List<String> CHILD_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private GatewayBench() {
    }

    /**
     * Runs the benchmark and prints a Markdown table.
     *
     * @param args {@code --quick} for a shorter run, {@code --clients N} for the concurrency step
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int clients = 1000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--clients")) {
                clients = Integer.parseInt(args[i + 1]);
            }
        }
        int paceStreams = 20;
        int paceTokens = quick ? 100 : 250;
        int paceMs = 20;
        int cpuStreams = 20;
        int cpuTokens = quick ? 2_000 : 5_000;
        int loadTokens = quick ? 20 : 40;
        int loadMs = 200;

        System.out.println("| step | tokens | p50 delay | p99 delay | max delay | CPU per token |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        String[] libPaced = library(paceStreams, paceTokens, paceMs);
        row("library, " + paceStreams + " streams, 1 token / " + paceMs + " ms", libPaced, true);
        String[] libCpu = library(cpuStreams, cpuTokens, 0);
        row("library, " + cpuStreams + " streams, unpaced", libCpu, false);
        String[] libLoad = library(clients, loadTokens, loadMs);
        row("library, " + clients + " concurrent streams, 1 token / " + loadMs + " ms", libLoad, true);

        Vertx vertx = Vertx.vertx();
        try (ChildJvm child = ChildJvm.start(CHILD_JVM, GatewayBenchServerMain.class.getName(), List.of("gateway"))) {
            int port = Integer.parseInt(child.awaitLine("PORT "));
            HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(port).setKeepAlive(true).setConnectTimeout(30_000),
                    new PoolOptions().setHttp1MaxSize(Math.max(clients, 64) + 64));
            // Warm-up, not measured.
            streams(http, 4, 200, 1, 0, new LatencyHistogram());
            streams(http, 4, 2_000, 0, 0, new LatencyHistogram());

            long cpu0 = cpu(child);
            LatencyHistogram paced = new LatencyHistogram();
            long n = streams(http, paceStreams, paceTokens, paceMs, 0, paced);
            long cpu = cpu(child) - cpu0;
            row("gateway, " + paceStreams + " streams, 1 token / " + paceMs + " ms", values(n, cpu, paced), true);

            cpu0 = cpu(child);
            LatencyHistogram unpaced = new LatencyHistogram();
            n = streams(http, cpuStreams, cpuTokens, 0, 0, unpaced);
            cpu = cpu(child) - cpu0;
            row("gateway, " + cpuStreams + " streams, unpaced", values(n, cpu, unpaced), false);

            LatencyHistogram load = new LatencyHistogram();
            long t0 = System.nanoTime();
            cpu0 = cpu(child);
            AtomicLong failed = new AtomicLong();
            n = streams(http, clients, loadTokens, loadMs, 2_000, load, failed);
            cpu = cpu(child) - cpu0;
            double seconds = (System.nanoTime() - t0) / 1e9;
            row("gateway, " + clients + " concurrent streams, 1 token / " + loadMs + " ms", values(n, cpu, load), true);
            child.send("mem");
            String[] mem = child.awaitLine("MEM ").split(" ");
            System.out.println();
            System.out.printf(Locale.ROOT, "%d concurrent streams: %d tokens of %d expected, %d streams failed, %.1f s;"
                    + " gateway JVM RSS %d MiB, %s threads%n", clients, n, (long) clients * loadTokens, failed.get(),
                    seconds, Long.parseLong(mem[0]) >> 20, mem[1]);
            http.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static String[] library(int streams, int tokens, int ms) throws Exception {
        try (ChildJvm child = ChildJvm.start(CHILD_JVM, GatewayBenchServerMain.class.getName(),
                List.of("library", Integer.toString(streams), Integer.toString(tokens), Integer.toString(ms)))) {
            String result = child.awaitLine("RESULT ");
            child.waitFor(60);
            return result.split(" ");
        }
    }

    private static long cpu(ChildJvm child) throws Exception {
        child.send("cpu");
        return Long.parseLong(child.awaitLine("CPU "));
    }

    private static String[] values(long tokens, long cpu, LatencyHistogram h) {
        return new String[] {Long.toString(tokens), Long.toString(cpu), Long.toString(h.percentile(0.5)),
                Long.toString(h.percentile(0.99)), Long.toString(h.max())};
    }

    private static String perToken(String[] v) {
        long tokens = Long.parseLong(v[0]);
        long cpu = Long.parseLong(v[1]);
        return cpu < 0 || tokens == 0 ? "-" : String.format(Locale.ROOT, "%.1f µs", cpu / 1000.0 / tokens);
    }

    /** A table row; unpaced runs queue their tokens, so their delays are waits in a queue and are not shown. */
    private static void row(String step, String[] v, boolean showDelays) {
        if (showDelays) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s µs | %s µs | %s µs | %s |%n", step, v[0], v[2], v[3], v[4], perToken(v));
        } else {
            System.out.printf(Locale.ROOT, "| %s | %s | - | - | - | %s |%n", step, v[0], perToken(v));
        }
    }

    private static long streams(HttpClientAgent http, int count, int tokens, int ms, long rampMillis, LatencyHistogram h)
            throws Exception {
        return streams(http, count, tokens, ms, rampMillis, h, new AtomicLong());
    }

    /** Opens {@code count} streams (spread over {@code rampMillis}) and records each token's delay in µs. */
    private static long streams(HttpClientAgent http, int count, int tokens, int ms, long rampMillis, LatencyHistogram h,
                                AtomicLong failed) throws Exception {
        AtomicLong received = new AtomicLong();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        String body = "{\"model\":\"" + StampProvider.MODEL + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + tokens + " " + ms + "\"}]}";
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (rampMillis * 1_000_000L * i) / Math.max(1, count);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            http.request(HttpMethod.POST, "/v1/chat/completions")
                    .compose(req -> req.putHeader("content-type", "application/json").send(Buffer.buffer(body)))
                    .compose(resp -> {
                        if (resp.statusCode() != 200) {
                            return Future.failedFuture("HTTP " + resp.statusCode());
                        }
                        RecordParser events = RecordParser.newDelimited("\n\n", event -> {
                            long stamp = stampIn(event.toString(StandardCharsets.UTF_8));
                            if (stamp > 0) {
                                h.record(StampProvider.nowMicros() - stamp);
                                received.incrementAndGet();
                            }
                        });
                        resp.handler(events);
                        return resp.end();
                    })
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            failed.incrementAndGet();
                        }
                        finished.complete(null);
                    });
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(600, TimeUnit.SECONDS);
        return received.get();
    }

    /** The stamp in the {@code content} of a chunk event, or -1. */
    private static long stampIn(String event) {
        int at = event.indexOf("\"content\":\"");
        if (at < 0) {
            return -1;
        }
        int from = at + 11;
        long v = 0;
        int i = from;
        while (i < event.length() && Character.isDigit(event.charAt(i))) {
            v = v * 10 + (event.charAt(i) - '0');
            i++;
        }
        return i == from ? -1 : v;
    }
}
