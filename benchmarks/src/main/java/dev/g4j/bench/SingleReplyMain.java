package dev.g4j.bench;

import dev.g4j.gradio.GradioClient;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioRequest;
import dev.g4j.gradio.GradioStreamDecoder;
import dev.g4j.sse.SseParser;
import dev.g4j.gradio.testkit.ReplayScript;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.qwen25.Qwen25Provider;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One long reply, end to end, in one JVM: the replay server (a child JVM) writes a {@code --tokens}-token Qwen reply
 * (default 16,000, about 4.8 MB of events) as fast as the socket takes it, and this JVM reads it, one reply after
 * the other, in the ways {@code --ways} names (default all, in this order): {@code plain}, a blocking socket that
 * drains the bytes (the floor); {@code vertx}, a bare Vert.x {@code HttpClient} that drains them; {@code sse} and
 * {@code decode}, the same drain with SSE framing, or with the whole stream decoder ({@link GradioStreamDecoder}),
 * on each chunk; {@code client}, {@link GradioClient} alone; {@code g4j}, the {@link Qwen25Provider} with a
 * subscriber requesting everything. Each layer's cost is the difference from the way before it. Each way runs
 * {@code --warmup} replies (default 10), then {@code --samples} samples (default 5) of {@code --reps} replies each
 * (default 10, as process CPU time ticks in 10 ms steps); it prints the median wall time and process CPU time per
 * reply, then the CPU of each thread group (the event loops apart from the JIT compiler), and at the end the ratios.
 * The raw drains send the join and the stream request; the Gradio client and g4j also read {@code /config} once
 * (cached).
 */
public final class SingleReplyMain {
    /** The system prompt of the Space, which the raw drains and the Gradio client way send as g4j does. */
    private static final String SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    private static final String JOIN = "{\"data\":[\"Hello\",[],\"" + SYSTEM + "\","
            + "\"72B\"],\"event_data\":null,\"fn_index\":3,\"trigger_id\":25,\"session_hash\":\"%s\"}";

    private SingleReplyMain() {
    }

    /** One way of reading a reply. */
    private interface Reader {
        /** Reads one whole reply; returns what it counted (bytes or chunks), to keep the work observable. */
        long read(String base, int rep) throws Exception;
    }

    /** A way of reading as printed, and its reader. */
    private record Way(String label, Reader reader) {
    }

    /** Runs the chosen readers and prints their lines, then the ratios. */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int tokens = args.getInt("tokens", 16_000);
        int warmup = args.getInt("warmup", 10);
        int reps = args.getInt("reps", 10);
        int samples = args.getInt("samples", 5);
        List<String> serverArgs = List.of("--tokens", Integer.toString(tokens), "--interval-ms", "0", "--ports", "1",
                "--event-loops", "1", "--warm-tokens", "200", "--max-seconds", "900");
        try (ChildJvm server = ChildJvm.start(List.of("-Xmx1g"), ReplayServerMain.class.getName(), serverArgs)) {
            String base = server.awaitLine("BASES ");
            if (base == null || server.awaitLine("WARM ") == null) {
                throw new IllegalStateException("the replay server did not start");
            }
            System.out.printf("one %,d-token reply, %d samples x %d replies after %d warm-up replies; load %s%n", tokens, samples,
                    reps, warmup, ProcessProbe.loadAverage());
            Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2).setWorkerPoolSize(1));
            HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
            ProviderOptions options = ProviderOptions.builder().baseUrl(base).idleTimeout(Duration.ofSeconds(60))
                    .totalTimeout(Duration.ofSeconds(300)).build();
            try (GradioClient client = GradioClient.builder().idleTimeout(Duration.ofSeconds(60))
                    .totalTimeout(Duration.ofSeconds(300)).build();
                 Qwen25Provider provider = new Qwen25Provider()) {
                Map<String, Way> all = new LinkedHashMap<>();
                all.put("plain", new Way("plain socket", SingleReplyMain::plainSocket));
                all.put("vertx", new Way("bare Vert.x", (b, rep) -> vertxDrain(http, b, rep, null)));
                all.put("sse", new Way("+ SSE framing", (b, rep) -> {
                    long[] events = new long[1];
                    SseParser parser = SseParser.ofData(SseParser.DEFAULT_MAX_EVENT_BYTES, (d, off, len) -> events[0]++);
                    vertxDrain(http, b, rep, buf -> feed(buf, parser::feed));
                    return events[0];
                }));
                all.put("decode", new Way("+ decoding", (b, rep) -> {
                    long[] events = new long[1];
                    GradioStreamDecoder decoder = new GradioStreamDecoder(true, SseParser.DEFAULT_MAX_EVENT_BYTES, e -> events[0]++);
                    vertxDrain(http, b, rep, buf -> feed(buf, decoder::feed));
                    return events[0];
                }));
                all.put("client", new Way("gradio-client", (b, rep) -> gradioClient(client, b, tokens)));
                all.put("g4j", new Way("g4j", (b, rep) -> g4j(provider, options, tokens)));
                Map<String, double[]> results = new LinkedHashMap<>();
                for (String way : args.get("ways", String.join(",", all.keySet())).split(",")) {
                    Way chosen = all.get(way);
                    if (chosen == null) {
                        throw new IllegalArgumentException("--ways takes " + all.keySet() + ", not " + way);
                    }
                    results.put(way, measure(chosen.label(), base, warmup, reps, samples, chosen.reader()));
                }
                double[] plain = results.get("plain");
                double[] raw = results.get("vertx");
                double[] g4j = results.get("g4j");
                if (plain != null && raw != null && g4j != null) {
                    System.out.printf("g4j / bare Vert.x CPU: %.2fx   g4j / plain socket wall: %.2fx   (bare Vert.x / plain wall %.2fx)%n",
                            g4j[1] / raw[1], g4j[0] / plain[0], raw[0] / plain[0]);
                }
            } finally {
                http.close().eventually(vertx::close).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            server.send("QUIT");
        }
    }

    /** @return the medians {wall ms, CPU ms} per reply */
    private static double[] measure(String name, String base, int warmup, int reps, int samples, Reader reader) throws Exception {
        long check = 0;
        for (int i = 0; i < warmup; i++) {
            check += reader.read(base, i);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[samples];
        double[] cpu = new double[samples];
        Map<String, long[]> before = ProcessProbe.cpuTicksByThreadGroup();
        for (int s = 0; s < samples; s++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                check += reader.read(base, i);
            }
            wall[s] = (System.nanoTime() - t0) / 1e6 / reps;
            cpu[s] = (os.getProcessCpuTime() - c0) / 1e6 / reps;
        }
        Map<String, long[]> after = ProcessProbe.cpuTicksByThreadGroup();
        Arrays.sort(wall);
        Arrays.sort(cpu);
        double[] med = {wall[samples / 2], cpu[samples / 2]};
        System.out.printf("%-13s wall %8.1f ms/reply (min %.1f)   CPU %8.1f ms/reply (min %.1f)   [%d]%n", name, med[0], wall[0],
                med[1], cpu[0], check % 1000);
        System.out.println("              CPU by thread, ms/reply: " + byThread(before, after, samples * reps));
        return med;
    }

    /**
     * The CPU time each thread group used per reply between two {@link ProcessProbe#cpuTicksByThreadGroup} readings,
     * largest first, with the part spent in the kernel when there is one; groups under 0.1 ms are left out. A tick
     * is taken as 10 ms (Linux's USER_HZ of 100).
     */
    private static String byThread(Map<String, long[]> before, Map<String, long[]> after, int replies) {
        StringBuilder sb = new StringBuilder();
        after.entrySet().stream()
                .map(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    double user = (e.getValue()[0] - was[0]) * 10.0 / replies;
                    double sys = (e.getValue()[1] - was[1]) * 10.0 / replies;
                    return Map.entry(e.getKey(), new double[] {user + sys, sys});
                })
                .filter(e -> e.getValue()[0] >= 0.1)
                .sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                .forEach(e -> {
                    sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%s %.1f", e.getKey(), e.getValue()[0]));
                    if (e.getValue()[1] >= 0.1) {
                        sb.append(String.format(" (kernel %.1f)", e.getValue()[1]));
                    }
                });
        return sb.length() == 0 ? "n/a" : sb.toString();
    }

    private static long plainSocket(String base, int rep) throws Exception {
        URI u = URI.create(base);
        String hash = "plain" + rep;
        String join = String.format(JOIN, hash);
        long n = exchange(u, "POST /queue/join HTTP/1.1\r\nHost: " + u.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + join.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + join);
        return n + exchange(u, "GET /queue/data?session_hash=" + hash + " HTTP/1.1\r\nHost: " + u.getHost()
                + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n");
    }

    /** Sends a request on a new connection and reads until the server closes it; returns the bytes read. */
    private static long exchange(URI u, String request) throws Exception {
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                total += r;
            }
            return total;
        }
    }

    /** Where a layer above the bare drain takes each chunk's bytes. */
    private interface ByteSink {
        void feed(byte[] bytes, int offset, int length);
    }

    /**
     * Hands a chunk's bytes to {@code sink} from the array behind Vert.x's buffer, as the Gradio client reads them, so
     * that the layers compare work for work; through a copy when the buffer has no array.
     */
    private static void feed(Buffer buf, ByteSink sink) {
        if (buf instanceof BufferInternal internal && internal.getByteBuf().hasArray()) {
            ByteBuf bytes = internal.getByteBuf();
            sink.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), buf.length());
        } else {
            byte[] bytes = buf.getBytes();
            sink.feed(bytes, 0, bytes.length);
        }
    }

    /**
     * Sends the join and reads the stream with a bare Vert.x client, counting the bytes, and handing each chunk to
     * {@code layer} when it is not null.
     */
    private static long vertxDrain(HttpClientAgent http, String base, int rep, Consumer<Buffer> layer) throws Exception {
        String hash = "raw" + rep;
        CompletableFuture<Long> done = new CompletableFuture<>();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/queue/join")
                        .putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(Buffer.buffer(String.format(JOIN, hash))))
                .compose(resp -> resp.body())
                .compose(b -> http.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setAbsoluteURI(base + "/queue/data?session_hash=" + hash).putHeader("Accept", "text/event-stream")))
                // the handlers are set on the event loop as the response arrives: attached later from this thread,
                // a short reply could end first
                .compose(req -> req.send().onSuccess(resp -> {
                    long[] bytes = new long[1];
                    resp.handler(b -> {
                        bytes[0] += b.length();
                        if (layer != null) {
                            layer.accept(b);
                        }
                    });
                    resp.endHandler(v -> done.complete(bytes[0]));
                    resp.exceptionHandler(done::completeExceptionally);
                }))
                .onFailure(done::completeExceptionally);
        return done.get(120, TimeUnit.SECONDS);
    }

    /** The Gradio client alone, below the provider: the events of the same call, counted. */
    private static long gradioClient(GradioClient client, String base, int tokens) throws Exception {
        GradioRequest request = GradioRequest.builder(URI.create(base), "model_chat")
                .data(List.of(ReplayScript.PROMPT, List.of(), SYSTEM, "72B"))
                .build();
        return count(client.submit(request), GradioEvent.Generating.class, tokens, "generating events");
    }

    private static long g4j(Qwen25Provider provider, ProviderOptions options, int tokens) throws Exception {
        return count(provider.createAsyncGenerator(provider.defaultModel(), Messages.ofUser(ReplayScript.PROMPT), options),
                ResponseChunk.Text.class, tokens, "text chunks");
    }

    /**
     * Subscribes to {@code publisher} requesting everything, waits for it to end and returns how many items of
     * {@code kind} it delivered.
     *
     * @throws IllegalStateException when fewer than {@code tokens} arrived
     */
    private static <T> long count(Flow.Publisher<T> publisher, Class<? extends T> kind, int tokens, String what)
            throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<T>() {
            private long counted;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                if (kind.isInstance(item)) {
                    counted++;
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(counted);
            }
        });
        long counted = done.get(120, TimeUnit.SECONDS);
        if (counted < tokens) {
            throw new IllegalStateException("delivered " + counted + " " + what + " for " + tokens + " tokens");
        }
        return counted;
    }
}
