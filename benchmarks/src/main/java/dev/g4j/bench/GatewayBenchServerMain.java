package dev.g4j.bench;

import dev.g4j.gateway.G4jGateway;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured side of the gateway benchmark, in its own JVM so that its CPU time is its own.
 *
 * <pre>
 * GatewayBenchServerMain gateway                        serves the StampProvider; prints "PORT n", then answers
 *                                                       "cpu" with "CPU nanos" and "mem" with "MEM rss threads"
 * GatewayBenchServerMain library STREAMS TOKENS MS      the same answers consumed in-process (the library path);
 *                                                       prints "RESULT tokens cpuNanos p50 p99 max" (delays in µs)
 * </pre>
 */
public final class GatewayBenchServerMain {
    private GatewayBenchServerMain() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        StampProvider provider = new StampProvider();
        try (ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(provider).build()) {
            if (args[0].equals("gateway")) {
                serve(registry);
            } else {
                library(registry, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            }
        } finally {
            provider.close();
        }
        System.exit(0);
    }

    private static void serve(ProviderRegistry registry) throws Exception {
        try (G4jGateway gateway = G4jGateway.builder(registry).port(0).maxConcurrentStreams(20_000).build()) {
            System.out.println("PORT " + gateway.start().getPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("cpu")) {
                    System.out.println("CPU " + ProcessProbe.cpuNanos());
                } else if (line.equals("mem")) {
                    System.out.println("MEM " + ProcessProbe.rssBytes() + " " + ProcessProbe.threads());
                }
                System.out.flush();
            }
        }
    }

    private static void library(ProviderRegistry registry, int streams, int tokens, int intervalMs) throws Exception {
        // Warm-up: the same work once, not measured.
        run(registry, Math.min(streams, 4), Math.min(tokens, 200), intervalMs == 0 ? 0 : 1, new LatencyHistogram());
        LatencyHistogram delays = new LatencyHistogram();
        long cpu0 = ProcessProbe.cpuNanos();
        long received = run(registry, streams, tokens, intervalMs, delays);
        long cpu = ProcessProbe.cpuNanos() - cpu0;
        System.out.println("RESULT " + received + " " + cpu + " " + delays.percentile(0.5) + " "
                + delays.percentile(0.99) + " " + delays.max());
    }

    /** Runs the streams at once and records the delay of every token in microseconds. */
    private static long run(ProviderRegistry registry, int streams, int tokens, int intervalMs, LatencyHistogram delays)
            throws Exception {
        AtomicLong received = new AtomicLong();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            registry.create(StampProvider.MODEL, Messages.ofUser(tokens + " " + intervalMs)).subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(ResponseChunk chunk) {
                    if (chunk instanceof ResponseChunk.Text t) {
                        long stamp = StampProvider.stampOf(t.text());
                        if (stamp > 0) {
                            delays.record(StampProvider.nowMicros() - stamp);
                            received.incrementAndGet();
                        }
                    }
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    finished.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    finished.complete(null);
                }
            });
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(300, TimeUnit.SECONDS);
        return received.get();
    }
}
