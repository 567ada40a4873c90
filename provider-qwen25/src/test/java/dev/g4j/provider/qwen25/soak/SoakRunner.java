package dev.g4j.provider.qwen25.soak;

import dev.g4j.gradio.testkit.EventOutcome;
import dev.g4j.gradio.testkit.EventSummary;
import dev.g4j.gradio.testkit.FaultPlan;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.qwen25.Qwen25Provider;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs many Qwen 2.5 streams against a {@link GradioSimulator} with faults drawn from a seeded {@link Random}, checks
 * every stream as it ends, and afterwards checks that no connection, thread or heap is left behind.
 *
 * <p>Every violation is collected (the first {@value #MAX_REPORTED} in full) and reported with the seed, so that a
 * failure can be replayed with {@code -Dg4j.soak.seed=<seed>}.
 */
final class SoakRunner {
    static final int MAX_REPORTED = 25;
    private static final long MIB = 1024 * 1024;

    /**
     * @param seed          seeds every random choice
     * @param maxStreams    stop after this many streams
     * @param maxDuration   or after this long (streams already started finish)
     * @param inFlight      streams open at once
     * @param tokenDelay    the simulator's delay between two tokens
     * @param maxWords      words in a prompt: 1 to this
     * @param stallIdle     the idle limit of STALL streams (the others get {@link #NORMAL_IDLE})
     * @param stallSlack    how much longer than the idle limit a STALL stream may take to fail
     * @param budget        the longest any stream may take
     * @param maxEventBytes the provider parameter {@code maxEventBytes}, for every stream
     * @param heapTolerance how much more heap than before the run may stay in use
     * @param streamsPerSimulator streams per checked batch: the run lets the streams in flight end and checks the
     *                      server side of the batch (the simulator keeps a bounded history, twice this at least)
     */
    record Config(long seed, int maxStreams, Duration maxDuration, int inFlight, Duration tokenDelay, int maxWords,
                  Duration stallIdle, Duration stallSlack, Duration budget, int maxEventBytes, long heapTolerance,
                  int streamsPerSimulator) {
        static final Duration NORMAL_IDLE = Duration.ofSeconds(15);
    }

    /** What a run did and found. */
    static final class Report {
        final Config config;
        final Map<SoakPlan.Kind, Integer> streamsByKind = new EnumMap<>(SoakPlan.Kind.class);
        final Map<SoakPlan.Consumer, Integer> streamsByConsumer = new EnumMap<>(SoakPlan.Consumer.class);
        final Map<EventOutcome, Integer> serverOutcomes = new EnumMap<>(EventOutcome.class);
        final List<String> violations = new ArrayList<>();
        int violationCount;
        int streams;
        long maxStreamMillis;
        long totalStreamMillis;
        long runMillis;
        long heapBaselineMiB;
        long heapAfterMiB;
        long heapPeakMiB;
        int threadsBefore;
        int threadsDuring;
        int threadsAfter;
        int weakRefsChecked;
        int simulators;
        /** STALL streams whose idle limit ran out before all the tokens sent before the stall had arrived (load). */
        int earlyIdleTimeouts;
        /** DROP streams that lost tokens sent before the drop (see {@link SoakRunner#verify}). */
        int dropsShort;
        final Map<SoakPlan.Consumer, Integer> dropsShortByConsumer = new EnumMap<>(SoakPlan.Consumer.class);
        String leftoverThreads = "";

        Report(Config config) {
            this.config = config;
        }

        void violation(String text) {
            violationCount++;
            if (violations.size() < MAX_REPORTED) {
                violations.add(text);
            }
        }

        String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append("seed=").append(config.seed()).append(" streams=").append(streams).append(" in ").append(simulators)
                    .append(" checked batch(es) in ").append(runMillis)
                    .append(" ms (inFlight=").append(config.inFlight()).append(", tokenDelay=").append(config.tokenDelay().toMillis())
                    .append(" ms)\n");
            sb.append("kinds: ").append(streamsByKind).append('\n');
            sb.append("consumers: ").append(streamsByConsumer).append('\n');
            sb.append("server outcomes: ").append(serverOutcomes).append('\n');
            sb.append("stream time: max ").append(maxStreamMillis).append(" ms, mean ")
                    .append(streams == 0 ? 0 : totalStreamMillis / streams).append(" ms\n");
            sb.append("heap used: baseline ").append(heapBaselineMiB).append(" MiB, peak sampled ").append(heapPeakMiB)
                    .append(" MiB, after ").append(heapAfterMiB).append(" MiB\n");
            sb.append("threads: before ").append(threadsBefore).append(", during ").append(threadsDuring).append(", after ")
                    .append(threadsAfter).append(leftoverThreads.isEmpty() ? "" : " leftover: " + leftoverThreads).append('\n');
            sb.append("per-call objects collected: ").append(weakRefsChecked).append('\n');
            sb.append("stalls whose idle limit ran out before the last token sent had arrived: ").append(earlyIdleTimeouts)
                    .append(" of ").append(streamsByKind.getOrDefault(SoakPlan.Kind.STALL, 0)).append('\n');
            sb.append("drops that lost already-sent tokens: ").append(dropsShort).append(" of ")
                    .append(streamsByKind.getOrDefault(SoakPlan.Kind.DROP, 0)).append(' ').append(dropsShortByConsumer).append('\n');
            sb.append("violations: ").append(violationCount);
            violations.forEach(v -> sb.append("\n  - ").append(v));
            return sb.toString();
        }
    }

    private final Config config;
    private final Report report;
    private final Random rnd;

    SoakRunner(Config config) {
        this.config = config;
        this.report = new Report(config);
        this.rnd = new Random(config.seed());
    }

    Report run() throws InterruptedException {
        warmUp();
        Map<Long, String> threadsBefore = threads();
        report.threadsBefore = threadsBefore.size();
        report.heapBaselineMiB = settledHeap() / MIB;

        long runStart = System.nanoTime();
        long stopAt = runStart + config.maxDuration().toNanos();
        ScheduledThreadPoolExecutor scheduler = scheduler();
        Qwen25Provider provider = new Qwen25Provider();
        try {
            // One simulator for the whole run (its history is bounded); every streamsPerSimulator streams the run lets
            // the streams in flight end and checks the server side of that batch, while it is still in the history.
            try (GradioSimulator sim = GradioSimulator.builder().replyFunction(dev.g4j.gradio.testkit.ReplyFunction.echo())
                    .tokenDelay(config.tokenDelay()).historyLimit(Math.max(GradioSimulator.DEFAULT_HISTORY_LIMIT,
                            2 * Math.min(Math.min(config.streamsPerSimulator(), config.maxStreams()), 1_000_000))).start()) {
                while (report.streams < config.maxStreams() && System.nanoTime() - stopAt < 0 && report.violationCount == 0) {
                    runBatch(sim, provider, scheduler, stopAt);
                    report.simulators++;
                }
            }
            report.threadsDuring = threads().size();
        } finally {
            provider.close();
            scheduler.shutdownNow();
        }
        report.runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStart);
        checkThreads(threadsBefore, scheduler);
        checkHeap();
        return report;
    }

    /** Streams until the run's limits or {@link Config#streamsPerSimulator()}, then checks that batch. */
    private void runBatch(GradioSimulator sim, Qwen25Provider provider, ScheduledThreadPoolExecutor scheduler, long stopAt)
            throws InterruptedException {
        List<WeakReference<Object>> perCall = new ArrayList<>();
        List<SoakStream> joined = new ArrayList<>();
        runStreams(sim, provider, scheduler, perCall, joined, stopAt);
        checkServer(sim, joined);
        checkCollected(perCall);
    }

    // ---- the streams -----------------------------------------------------------------------------------------

    private void runStreams(GradioSimulator sim, Qwen25Provider provider, ScheduledThreadPoolExecutor scheduler,
                            List<WeakReference<Object>> perCall, List<SoakStream> joined, long stopAt) throws InterruptedException {
        Map<Integer, SoakStream> live = new ConcurrentHashMap<>();
        sim.faultSelector(join -> {
            SoakStream stream = live.get(SoakPlan.idOf(join.data().path(0).asText(null)));
            if (stream == null) {
                return FaultPlan.none();
            }
            stream.sessionHash = join.sessionHash();
            return stream.plan.faults;
        });
        ProviderOptions normal = options(sim, Config.NORMAL_IDLE);
        ProviderOptions stalling = options(sim, config.stallIdle());
        Semaphore slots = new Semaphore(config.inFlight());
        LinkedBlockingQueue<SoakStream> ended = new LinkedBlockingQueue<>();
        long budget = config.budget().toMillis();
        long permitWait = budget + 10_000;
        int here = 0;
        while (report.streams < config.maxStreams() && here < config.streamsPerSimulator() && System.nanoTime() - stopAt < 0) {
            if (!slots.tryAcquire(permitWait, TimeUnit.MILLISECONDS)) {
                report.violation("no stream ended within " + permitWait + " ms although every stream has a watchdog");
                break;
            }
            SoakPlan plan = SoakPlan.draw(report.streams, rnd, config.maxWords(), config.maxEventBytes());
            SoakStream stream = new SoakStream(plan);
            live.put(plan.id, stream);
            AsyncResult result = provider.createAsyncGenerator(null, Messages.ofUser(plan.prompt),
                    plan.kind == SoakPlan.Kind.STALL ? stalling : normal);
            perCall.add(new WeakReference<>(result));
            stream.start(result, scheduler, budget, s -> {
                ended.add(s);
                slots.release();
            });
            report.streams++;
            here++;
            if (here % 64 == 0) {
                sampleHeap();
            }
            for (SoakStream s; (s = ended.poll()) != null; ) {
                verify(s, joined);
            }
        }
        if (!slots.tryAcquire(config.inFlight(), permitWait, TimeUnit.MILLISECONDS)) {
            report.violation((config.inFlight() - slots.availablePermits()) + " streams did not end within " + permitWait + " ms");
        }
        for (SoakStream s; (s = ended.poll()) != null; ) {
            verify(s, joined);
        }
        // A stream whose call failed on its idle limit while the join was on its way (a loaded machine) has ended before
        // the simulator saw its join: the join still arrives (and the client cancels its event), so the stream stays in
        // `live` until its join is matched, and the check waits for such joins.
        Await.eventually(() -> joined.stream().allMatch(s -> s.sessionHash != null || s.plan.kind == SoakPlan.Kind.CANCEL && s.hung),
                Duration.ofSeconds(15));
        sim.faultSelector(null);
    }

    private ProviderOptions options(GradioSimulator sim, Duration idle) {
        return ProviderOptions.builder().baseUrl(sim.baseUrl()).connectTimeout(Duration.ofSeconds(5)).idleTimeout(idle)
                .totalTimeout(config.budget().plusSeconds(30)).param("maxEventBytes", config.maxEventBytes()).build();
    }

    /** Checks one ended stream against its plan, then drops what it received. */
    private void verify(SoakStream s, List<SoakStream> joined) {
        SoakPlan p = s.plan;
        report.streamsByKind.merge(p.kind, 1, Integer::sum);
        report.streamsByConsumer.merge(p.consumer, 1, Integer::sum);
        long ms = s.elapsedMillis();
        report.maxStreamMillis = Math.max(report.maxStreamMillis, ms);
        report.totalStreamMillis += ms;
        String text = s.folded.toString();
        List<String> problems = new ArrayList<>();
        if (s.hung) {
            problems.add("did not end within " + config.budget().toMillis() + " ms");
        }
        if (p.consumer != SoakPlan.Consumer.TEXT && !s.firstWasProviderInfo) {
            problems.add("first chunk was not ProviderInfo");
        }
        if (ms > config.budget().toMillis()) {
            problems.add("took " + ms + " ms");
        }
        switch (p.kind) {
            case OK, QUEUED -> {
                expectSuccess(s, text, problems);
                if (p.kind == SoakPlan.Kind.QUEUED && p.consumer != SoakPlan.Consumer.TEXT && s.queueStatuses == 0) {
                    problems.add("no QueueStatus chunk while queued");
                }
            }
            case FAIL_PLAIN -> expectError(s, text, RemoteProcessException.class, p.prefix(p.faultAt), "retry later", problems);
            case FAIL_MESSAGE -> expectError(s, text, RemoteProcessException.class, p.prefix(p.faultAt), "boom-" + p.id, problems);
            case DROP -> {
                // The simulator writes the first faultAt tokens, waits until they are written to its socket, then
                // resets the connection. A reset (RST) may destroy bytes the client's TCP stack has not handed to the
                // client yet: on a loaded machine a traced stream lost the whole response, headers included (the GET
                // failed with "Connection was closed" although the simulator had written the head and 4 tokens). So
                // the text must be those tokens or a token-boundary prefix of them; a shorter one is counted
                // (checkServer checks the server's tokensYielded), a text that is no such prefix is a violation.
                String before = p.prefix(p.faultAt);
                boolean prefix = text.equals(before);
                for (int n = p.faultAt - 1; n >= 0 && !prefix; n--) {
                    prefix = text.equals(p.prefix(n));
                }
                if (p.consumer != SoakPlan.Consumer.TEXT && !text.equals(before)) {
                    report.dropsShort++;
                    report.dropsShortByConsumer.merge(p.consumer, 1, Integer::sum);
                }
                expectError(s, text, UpstreamConnectionException.class, prefix ? text : before, null, problems);
            }
            case STALL -> {
                // With the short idle limit, a loaded machine (two shared cores, GC) may pause the stream for longer
                // than the limit before the stall point: the timeout is then right, only early. Accept an answer cut
                // at a token boundary before the stall point, count it, and skip the server-side checks for it.
                int got = -1;
                for (int n = p.faultAt; n >= 0 && got < 0; n--) {
                    if (text.equals(p.prefix(n))) {
                        got = n;
                    }
                }
                if (got >= 0 && got < p.faultAt && p.consumer != SoakPlan.Consumer.TEXT) {
                    report.earlyIdleTimeouts++;
                    s.earlyTimeout = true;
                }
                expectError(s, text, ProviderTimeoutException.class, got >= 0 ? text : p.prefix(p.faultAt), null, problems);
                if (s.error instanceof ProviderTimeoutException t && t.kind() != ProviderTimeoutException.Kind.IDLE) {
                    problems.add("timeout of kind " + t.kind() + " instead of IDLE");
                }
                long idle = config.stallIdle().toMillis();
                if (ms < idle || ms > idle + config.stallSlack().toMillis()) {
                    problems.add("idle timeout after " + ms + " ms, expected " + idle + ".." + (idle + config.stallSlack().toMillis()));
                }
            }
            case OVERSIZED, MALFORMED -> expectError(s, text, UpstreamProtocolException.class, p.prefix(p.faultAt), null, problems);
            case QUEUE_FULL -> {
                expectError(s, text, RateLimitException.class, "", null, problems);
                if (s.error instanceof RateLimitException r && r.status() != 503) {
                    problems.add("rate limit with status " + r.status() + " instead of 503");
                }
            }
            case CANCEL -> {
                if (!s.cancelled || s.completed || s.error != null) {
                    problems.add("ended by " + (s.error != null ? s.error : s.completed ? "onComplete" : "nothing") + " before cancelling");
                }
                // a slow consumer may receive several tokens merged into one Text chunk: it cancels after faultAt
                // chunks, so it has at least faultAt tokens, always a prefix of the answer
                if (!p.prefix(Integer.MAX_VALUE).startsWith(text) || text.length() < p.prefix(p.faultAt).length()) {
                    problems.add("text before cancel '" + text + "' is not a prefix of the answer with at least '"
                            + p.prefix(p.faultAt) + "'");
                }
            }
        }
        if (p.kind.joins()) {
            joined.add(s);
        }
        if (!problems.isEmpty()) {
            report.violation(p + " [prompt '" + p.prompt + "', " + ms + " ms]: " + String.join("; ", problems));
        }
        s.folded = null;
        s.last = null;
        s.error = s.error == null ? null : new Throwable(s.error.getClass().getSimpleName());
    }

    private static void expectSuccess(SoakStream s, String text, List<String> problems) {
        if (s.error != null) {
            problems.add("failed: " + s.error);
            return;
        }
        if (!s.completed) {
            problems.add("did not complete");
        }
        if (!text.equals(s.plan.expectedText())) {
            problems.add("text '" + text + "' != '" + s.plan.expectedText() + "'");
        }
        if (s.replaced) {
            problems.add("unexpected TextReplaced");
        }
        if (s.plan.consumer != SoakPlan.Consumer.TEXT && !ResponseChunk.finish("stop").equals(s.last)) {
            problems.add("last chunk " + s.last + " instead of Finish(stop)");
        }
    }

    private static void expectError(SoakStream s, String text, Class<? extends Throwable> type, String textBefore,
                                    String messagePart, List<String> problems) {
        if (s.error == null) {
            problems.add(s.completed ? "completed instead of failing with " + type.getSimpleName() : "no error");
            return;
        }
        if (!type.isInstance(s.error)) {
            problems.add("failed with " + s.error + " instead of " + type.getSimpleName());
        }
        if (messagePart != null && (s.error.getMessage() == null || !s.error.getMessage().contains(messagePart))) {
            problems.add("message '" + s.error.getMessage() + "' lacks '" + messagePart + "'");
        }
        // AsyncResult.text() fails without the partial text; a subscriber must have seen exactly the tokens sent
        if (s.plan.consumer != SoakPlan.Consumer.TEXT && !text.equals(textBefore)) {
            problems.add("text before the failure '" + text + "' != '" + textBefore + "'");
        }
    }

    // ---- after the streams -----------------------------------------------------------------------------------

    /** No stream left open; every joined event ended on the server the way its fault says; no late signal. */
    private void checkServer(GradioSimulator sim, List<SoakStream> joined) {
        Await.awaitCondition(() -> sim.openStreams() == 0, Duration.ofSeconds(15), "the simulator has no open stream",
                () -> sim.openStreams() + " still open");
        Set<String> expected = joined.stream().map(s -> s.sessionHash).filter(h -> h != null).collect(Collectors.toSet());
        boolean allEnded = Await.eventually(() -> sim.finishedEvents().stream().map(EventSummary::sessionHash)
                .collect(Collectors.toSet()).containsAll(expected), Duration.ofSeconds(15));
        Map<String, EventSummary> bySession = new HashMap<>();
        for (EventSummary e : sim.finishedEvents()) {
            if (expected.contains(e.sessionHash())) {
                bySession.put(e.sessionHash(), e);
                report.serverOutcomes.merge(e.outcome(), 1, Integer::sum);
            }
        }
        if (!allEnded) {
            Set<String> ended = sim.finishedEvents().stream().map(EventSummary::sessionHash).collect(Collectors.toSet());
            report.violation("some joined events never ended on the server: " + joined.stream()
                    .filter(s -> s.sessionHash != null && !ended.contains(s.sessionHash)).limit(5)
                    .map(s -> s.plan + (s.earlyTimeout ? " (early idle timeout)" : "")).toList());
        }
        for (SoakStream s : joined) {
            if (s.lateSignals.get() > 0) {
                report.violation(s.plan + ": " + s.lateSignals.get() + " signal(s) after cancel or after the end");
            }
            if (s.earlyTimeout) {
                continue;
            }
            if (s.sessionHash == null) {
                if (s.plan.kind != SoakPlan.Kind.CANCEL || !s.hung) {
                    report.violation(s.plan + ": the simulator never saw its join");
                }
                continue;
            }
            EventSummary e = bySession.get(s.sessionHash);
            if (e == null) {
                report.violation(s.plan + ": its event never ended on the server (session " + s.sessionHash + ")");
                continue;
            }
            Set<EventOutcome> allowed = switch (s.plan.kind) {
                case OK, QUEUED -> Set.of(EventOutcome.COMPLETED);
                case FAIL_PLAIN, FAIL_MESSAGE -> Set.of(EventOutcome.FAILED);
                case DROP, STALL, CANCEL -> Set.of(EventOutcome.STOPPED_BY_DISCONNECT, EventOutcome.CANCELLED);
                default -> Set.of(EventOutcome.COMPLETED, EventOutcome.STOPPED_BY_DISCONNECT, EventOutcome.CANCELLED);
            };
            if (!allowed.contains(e.outcome())) {
                report.violation(s.plan + ": server outcome " + e.outcome() + ", expected one of " + allowed);
            }
            if (s.plan.kind == SoakPlan.Kind.DROP && e.tokensYielded() != Math.min(s.plan.faultAt, s.plan.tokens.size())) {
                report.violation(s.plan + ": the simulator yielded " + e.tokensYielded() + " tokens before the drop");
            }
        }
    }

    /** Nothing keeps an ended call's result (and so its subscriber, emitter and Gradio call) reachable. */
    private void checkCollected(List<WeakReference<Object>> perCall) {
        boolean collected = Await.eventually(() -> {
            System.gc();
            return perCall.stream().allMatch(r -> r.get() == null);
        }, Duration.ofSeconds(10));
        long alive = perCall.stream().filter(r -> r.get() != null).count();
        report.weakRefsChecked += perCall.size() - (int) alive;
        if (!collected) {
            report.violation(alive + " of " + perCall.size() + " ended results are still reachable while the provider is open");
        }
        perCall.clear();
    }

    private void checkThreads(Map<Long, String> before, ScheduledThreadPoolExecutor scheduler) throws InterruptedException {
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            report.violation("the test's own scheduler did not stop");
        }
        boolean back = Await.eventually(() -> newThreads(before).isEmpty(), Duration.ofSeconds(15));
        Map<Long, String> now = threads();
        report.threadsAfter = now.size();
        if (!back) {
            report.leftoverThreads = String.join(", ", newThreads(before));
            report.violation("threads left after closing the provider and the simulator: " + report.leftoverThreads);
        }
    }

    private void checkHeap() {
        long limit = report.heapBaselineMiB * MIB + config.heapTolerance();
        long[] used = {Long.MAX_VALUE};
        boolean ok = Await.eventually(() -> {
            used[0] = settledHeap();
            return used[0] <= limit;
        }, Duration.ofSeconds(10));
        report.heapAfterMiB = used[0] / MIB;
        if (!ok) {
            report.violation("heap in use " + report.heapAfterMiB + " MiB > baseline " + report.heapBaselineMiB + " MiB + "
                    + config.heapTolerance() / MIB + " MiB");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * One tiny run, so that JVM-wide singletons started lazily by the first use of Vert.x/Netty (class loading, the
     * global event executor) are part of the baseline rather than counted as leaks.
     */
    private void warmUp() {
        try (GradioSimulator sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).start();
             Qwen25Provider provider = new Qwen25Provider()) {
            String text = provider.createAsyncGenerator(null, Messages.ofUser("warm up"), options(sim, Config.NORMAL_IDLE))
                    .text().orTimeout(30, TimeUnit.SECONDS).join();
            if (!text.equals("You said: warm up")) {
                throw new AssertionError("warm-up answer: " + text);
            }
        }
    }

    private ScheduledThreadPoolExecutor scheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "soak-consumer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    private static Map<Long, String> threads() {
        Map<Long, String> all = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                all.put(t.getId(), t.getName());
            }
        }
        return all;
    }

    /** Threads started since {@code before}, except the JDK's common pool (grown on demand, shared by the JVM). */
    private static List<String> newThreads(Map<Long, String> before) {
        return threads().entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .map(Map.Entry::getValue).filter(n -> !n.startsWith("ForkJoinPool.commonPool-worker")).sorted().toList();
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void sampleHeap() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        report.heapPeakMiB = Math.max(report.heapPeakMiB, used);
    }
}
