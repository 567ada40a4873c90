package dev.g4j.bench;

import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.openai.OpenAiCompatibleProvider;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The OpenAI path's cost against a raw drain of the same stream, in the same run: an {@link OpenAiSimulator} in this
 * JVM stamps every token with {@code System.nanoTime()} as it writes it; the raw drain (a bare Vert.x client that
 * scans the bytes for stamps, no SSE parser, no JSON, no reactive plumbing) and the provider path
 * ({@link OpenAiCompatibleProvider}, SSE parser, Jackson, ChunkSink, a Flow subscriber) read identical streams.
 *
 * <p>Two phases, each run raw / provider / raw / provider (interleaved so that drift hits both):
 * <ul>
 *   <li><b>paced</b>: {@code streams} concurrent streams of {@code pacedTokens} tokens, one token every
 *       {@code delayMs}: the per-token delivery delay (receive time minus stamp), p50/p99;</li>
 *   <li><b>flat out</b>: {@code streams} concurrent streams of {@code flatTokens} tokens with no delay: process CPU
 *       per token (simulator included, the same for both), and the difference that the provider path adds.</li>
 * </ul>
 * Arguments (all optional): {@code streams pacedTokens delayMs flatTokens rounds}; defaults 20 200 5 5000 2.
 */
public final class OpenAiOverheadMain {
    private OpenAiOverheadMain() {
    }

    /**
     * Runs the comparison and prints a Markdown table.
     *
     * @param args streams, paced tokens, delay in ms, flat-out tokens, rounds
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int streams = arg(args, 0, 20);
        int pacedTokens = arg(args, 1, 200);
        int delayMs = arg(args, 2, 5);
        int flatTokens = arg(args, 3, 5000);
        int rounds = arg(args, 4, 2);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setUseDaemonThread(true));
        HttpClient raw = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
        System.out.printf(Locale.ROOT, "OpenAI path vs raw drain: %d streams; paced %d tokens every %d ms; flat out %d tokens; %d rounds; %d cores%n%n",
                streams, pacedTokens, delayMs, flatTokens, rounds, Runtime.getRuntime().availableProcessors());
        System.out.println("| phase | path | tokens | wall ms | delivery p50 µs | p99 µs | CPU µs/token |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        try (OpenAiSimulator paced = sim(pacedTokens, Duration.ofMillis(delayMs));
             OpenAiSimulator flat = sim(flatTokens, Duration.ZERO);
             OpenAiCompatibleProvider provider = OpenAiCompatibleProvider.builder().name("Bench")
                     .baseUrl(paced.baseUrl()).models(OpenAiSimulator.DEFAULT_MODELS).environment(n -> null).build()) {
            // warm-up of both paths
            run(raw, provider, flat, streams, true, "warm-up");
            run(raw, provider, flat, streams, false, "warm-up");
            for (int r = 0; r < rounds; r++) {
                for (boolean viaProvider : new boolean[] {false, true}) {
                    run(raw, provider, paced, streams, viaProvider, "paced").print();
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (boolean viaProvider : new boolean[] {false, true}) {
                    run(raw, provider, flat, streams, viaProvider, "flat out").print();
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static OpenAiSimulator sim(int tokens, Duration delay) {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            answer.append("w ");
        }
        return OpenAiSimulator.builder().answer(answer.toString()).stampTokens(true).tokenDelay(delay).maxRecorded(1).start();
    }

    private record Result(String phase, String path, long tokens, long wallNanos, long[] delays, long cpuNanos) {
        void print() {
            long[] d = delays.clone();
            Arrays.sort(d);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.0f | %.0f | %.2f |%n", phase, path, tokens, wallNanos / 1_000_000,
                    pct(d, 0.50) / 1000.0, pct(d, 0.99) / 1000.0, cpuNanos / 1000.0 / Math.max(1, tokens));
        }

        private static long pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
        }
    }

    private static Result run(HttpClient raw, OpenAiCompatibleProvider provider, OpenAiSimulator sim, int streams,
                              boolean viaProvider, String phase) throws Exception {
        long[][] perStream = new long[streams][];
        List<CompletableFuture<Long>> done = new ArrayList<>();
        long cpu0 = processCpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            long[] delays = new long[1 << 16];
            int[] n = new int[1];
            int index = i;
            LongConsumer onStamp = stamp -> {
                if (n[0] < delays.length) {
                    delays[n[0]++] = System.nanoTime() - stamp;
                }
            };
            CompletableFuture<Long> f = viaProvider ? viaProvider(provider, sim, onStamp) : viaRaw(raw, sim, onStamp);
            done.add(f.thenApply(count -> {
                perStream[index] = Arrays.copyOf(delays, n[0]);
                return count;
            }));
        }
        long tokens = 0;
        for (CompletableFuture<Long> f : done) {
            tokens += f.get(5, TimeUnit.MINUTES);
        }
        long wall = System.nanoTime() - t0;
        long cpu = processCpu() - cpu0;
        long[] all = Arrays.stream(perStream).flatMapToLong(Arrays::stream).toArray();
        return new Result(phase, viaProvider ? "provider-openai" : "raw drain", tokens, wall, all, cpu);
    }

    private static CompletableFuture<Long> viaProvider(OpenAiCompatibleProvider provider, OpenAiSimulator sim, LongConsumer onStamp) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        ProviderOptions options = ProviderOptions.builder().baseUrl(sim.baseUrl()).build();
        provider.createAsyncGenerator(null, Messages.ofUser("go"), options).subscribe(new Flow.Subscriber<>() {
            long count;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ResponseChunk item) {
                if (item instanceof ResponseChunk.Text t) {
                    String s = t.text();
                    onStamp.accept(Long.parseLong(s, 1, s.length() - 1, 10));
                    count++;
                }
            }

            @Override
            public void onError(Throwable t) {
                f.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                f.complete(count);
            }
        });
        return f;
    }

    private static CompletableFuture<Long> viaRaw(HttpClient raw, OpenAiSimulator sim, LongConsumer onStamp) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        String body = "{\"model\":\"sim-model\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        raw.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(sim.baseUrl() + "/chat/completions")
                        .putHeader("content-type", "application/json").putHeader("accept", "text/event-stream"))
                .compose(req -> req.send(Buffer.buffer(body)))
                .onFailure(f::completeExceptionally)
                .onSuccess(resp -> {
                    StampScan scan = new StampScan(onStamp);
                    resp.handler(scan::scan);
                    resp.exceptionHandler(f::completeExceptionally);
                    resp.endHandler(v -> f.complete(scan.count));
                });
        return f;
    }

    /** Finds {@code "content":"s<digits>} across buffer boundaries, with no SSE or JSON parsing. */
    private static final class StampScan {
        private static final byte[] MARK = "\"content\":\"s".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final LongConsumer onStamp;
        private int matched;
        private boolean inDigits;
        private long value;
        long count;

        StampScan(LongConsumer onStamp) {
            this.onStamp = onStamp;
        }

        void scan(Buffer buffer) {
            int len = buffer.length();
            for (int i = 0; i < len; i++) {
                byte b = buffer.getByte(i);
                if (inDigits) {
                    if (b >= '0' && b <= '9') {
                        value = value * 10 + (b - '0');
                        continue;
                    }
                    inDigits = false;
                    count++;
                    onStamp.accept(value);
                }
                if (b == MARK[matched]) {
                    if (++matched == MARK.length) {
                        matched = 0;
                        inDigits = true;
                        value = 0;
                    }
                } else {
                    matched = b == MARK[0] ? 1 : 0;
                }
            }
        }
    }

    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
