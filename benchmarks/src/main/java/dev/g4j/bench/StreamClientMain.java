package dev.g4j.bench;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One measured batch of concurrent streams in a fresh JVM, through g4j ({@code --client g4j}) or the raw drain
 * ({@code --client raw}). Options: {@code --bases url,…} (streams are spread round-robin), {@code --streams N},
 * {@code --tokens N} (per stream), {@code --warm url --warm-tokens N --warm-streams N} (a warm-up batch first),
 * {@code --sample-memory} (heap after GC, RSS and threads once every stream is open), {@code --time-limit-s N}.
 * With {@code --sample-memory}, the system property {@code g4j.bench.histogram=PREFIX} also writes the live-object
 * class histogram at the sample to {@code PREFIX-<client>.txt}, and {@code g4j.bench.heapdump=PREFIX} a heap dump of
 * the live objects to {@code PREFIX-<client>.hprof} (pass either with {@code LoadHarness --client-jvm}).
 * Prints one {@code RESULT key=value …} line.
 */
public final class StreamClientMain {
    private StreamClientMain() {
    }

    /** Runs the batch and exits. */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String client = args.get("client", "g4j");
        List<String> bases = List.of(args.get("bases", "").split(","));
        int streams = args.getInt("streams", 1);
        int tokens = args.getInt("tokens", 1000);
        long limitMillis = args.getLong("time-limit-s", 300) * 1000;
        int startsPerMs = args.getInt("starts-per-ms", 0);
        StreamDriver driver = client.equals("raw") ? new RawDrainDriver() : new G4jDriver();
        StringBuilder out = new StringBuilder("RESULT client=" + client + " streams=" + streams + " tokensPerStream=" + tokens);
        try {
            int warmStreams = args.getInt("warm-streams", 0);
            if (warmStreams > 0) {
                LoadRun warm = new LoadRun(warmStreams);
                int warmTokens = args.getInt("warm-tokens", 200);
                for (int i = 0; i < warmStreams; i++) {
                    driver.start(args.get("warm", bases.get(0)), warmTokens, warm);
                }
                warm.await(60_000);
                if (warm.failedStreams() > 0) {
                    out.append(" warmErrors=").append(warm.failedStreams());
                }
            }
            long heap0 = ProcessProbe.heapAfterGc();
            long rss0 = ProcessProbe.rssBytes();
            int threads0 = ProcessProbe.threads();
            LoadRun run = new LoadRun(streams);
            long cpu0 = ProcessProbe.cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                driver.start(bases.get(i % bases.size()), tokens, run);
                if (startsPerMs > 0 && i % startsPerMs == startsPerMs - 1) {
                    Thread.sleep(1);
                }
            }
            long startedAll = System.nanoTime();
            if (args.flag("sample-memory")) {
                long deadline = System.currentTimeMillis() + limitMillis / 2;
                while (run.startedStreams() < streams && run.finishedStreams() == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(200);
                int open = streams - run.finishedStreams();
                int receiving = run.startedStreams() - run.finishedStreams();
                run.pauseRecording(System.nanoTime() - 50_000_000L);
                long gcStart = System.nanoTime();
                long heap = ProcessProbe.heapAfterGc();
                long gcMillis = (System.nanoTime() - gcStart) / 1_000_000;
                long rss = ProcessProbe.rssBytes();
                int threads = ProcessProbe.threads();
                String histogram = System.getProperty("g4j.bench.histogram", "");
                if (!histogram.isEmpty()) {
                    Files.writeString(Path.of(histogram + "-" + client + ".txt"), ProcessProbe.classHistogram());
                }
                String dump = System.getProperty("g4j.bench.heapdump", "");
                if (!dump.isEmpty()) {
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump + "-" + client + ".hprof",
                            true);
                }
                run.resumeRecording(50_000_000L);
                Thread.sleep(1000);
                run.markSteady();
                out.append(" openAtSample=").append(open).append(" receivingAtSample=").append(receiving)
                        .append(" heapBaseMiB=").append(mib(heap0)).append(" heapOpenMiB=").append(mib(heap))
                        .append(" heapPerStreamKiB=").append(open > 0 ? fmt((heap - heap0) / 1024.0 / open) : "n/a")
                        .append(" rssBaseMiB=").append(mib(rss0)).append(" rssOpenMiB=").append(mib(rss))
                        .append(" rssPerStreamKiB=").append(open > 0 ? fmt((rss - rss0) / 1024.0 / open) : "n/a")
                        .append(" threadsBase=").append(threads0).append(" threadsOpen=").append(threads)
                        .append(" sampleGcMs=").append(gcMillis);
            }
            boolean complete = run.await(limitMillis);
            long end = complete ? run.lastFinishNanos() : System.nanoTime();
            double seconds = (end - t0) / 1e9;
            double cpuSeconds = (ProcessProbe.cpuNanos() - cpu0) / 1e9;
            out.append(" complete=").append(complete)
                    .append(" finished=").append(run.finishedStreams())
                    .append(" failed=").append(run.failedStreams())
                    .append(" tokens=").append(run.tokens())
                    .append(" seconds=").append(fmt(seconds))
                    .append(" startSeconds=").append(fmt((startedAll - t0) / 1e9))
                    .append(" tokPerSec=").append(fmt(run.tokens() / seconds))
                    .append(" cpuSeconds=").append(fmt(cpuSeconds))
                    .append(" tokPerCpuSec=").append(fmt(run.tokens() / cpuSeconds))
                    .append(" p50us=").append(fmt(run.delays.percentile(0.50) / 1e3))
                    .append(" p99us=").append(fmt(run.delays.percentile(0.99) / 1e3))
                    .append(" maxus=").append(fmt(run.delays.max() / 1e3))
                    .append(" steadyTokens=").append(run.steady.count())
                    .append(" steadyP50us=").append(fmt(run.steady.percentile(0.50) / 1e3))
                    .append(" steadyP99us=").append(fmt(run.steady.percentile(0.99) / 1e3))
                    .append(" excludedTokens=").append(run.excluded())
                    .append(" peakThreads=").append(ProcessProbe.peakThreads())
                    .append(" rssEndMiB=").append(mib(ProcessProbe.rssBytes()));
            if (run.firstError() != null) {
                out.append(" firstError=").append(run.firstError().replaceAll("\\s+", "_"));
            }
        } finally {
            System.out.println(out);
            System.out.flush();
            driver.close();
        }
        System.exit(0);
    }

    private static String mib(long bytes) {
        return fmt(bytes / 1048576.0);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
