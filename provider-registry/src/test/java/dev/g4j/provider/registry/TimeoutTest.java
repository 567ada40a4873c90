package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RecordingSubscriber;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.RetryProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The registry enforces ProviderOptions' idle and total timeouts for providers that do not. */
class TimeoutTest {
    private static final Messages HI = Messages.ofUser("hi");
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        ticker.shutdownNow();
    }

    private static ProviderRegistry registry(AsyncGeneratorProvider... providers) {
        ProviderRegistry.Builder b = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                .home(Path.of("no-such-home").toAbsolutePath());
        for (AsyncGeneratorProvider p : providers) {
            b.add(p);
        }
        return b.build();
    }

    private static ProviderOptions limits(long idleMillis, long totalMillis) {
        return ProviderOptions.builder().idleTimeout(Duration.ofMillis(idleMillis)).totalTimeout(Duration.ofMillis(totalMillis)).build();
    }

    @Test
    void aThirdPartyProviderThatNeverEmitsHitsTheIdleTimeout() throws Exception {
        ManualUpstream silent = new ManualUpstream();
        ScriptedProvider mute = ScriptedProvider.named("Mute").answering(model -> silent.result());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry(mute).create("Mute:", HI, limits(1_000, 2_000)).text().get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ProviderTimeoutException.class)
                .hasMessageContaining("Mute").hasMessageContaining("idle timeout").hasMessageContaining("idleTimeout(");
        ProviderTimeoutException timeout = (ProviderTimeoutException) e.getCause();
        assertThat(timeout.kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertThat(timeout.limit()).isEqualTo(Duration.ofSeconds(1));
        assertThat(silent.isCancelled()).isTrue();
    }

    @Test
    void aProviderWithItsOwnIdleWatchdogIsLeftToItButTheTotalStillApplies() throws Exception {
        ManualUpstream queued = new ManualUpstream();
        ScriptedProvider inner = ScriptedProvider.named("Queued").answering(model -> queued.result());
        AsyncGeneratorProvider ownWatchdog = new AsyncGeneratorProvider() {
            @Override public String name() { return inner.name(); }
            @Override public String label() { return inner.label(); }
            @Override public String url() { return inner.url(); }
            @Override public boolean working() { return true; }
            @Override public boolean supportsStream() { return true; }
            @Override public boolean supportsSystemMessage() { return true; }
            @Override public boolean supportsMessageHistory() { return true; }
            @Override public boolean enforcesIdleTimeout() { return true; }

            @Override
            public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
                return inner.createAsyncGenerator(model, messages, options);
            }
        };
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry(ownWatchdog).create("Queued:", HI, limits(100, 1_500)).text().get(10, TimeUnit.SECONDS));
        assertThat(((ProviderTimeoutException) e.getCause()).kind()).isEqualTo(ProviderTimeoutException.Kind.TOTAL);
        assertThat(queued.isCancelled()).isTrue();
    }

    @Test
    void theTotalTimeoutCoversTheWholeCall() throws Exception {
        ManualUpstream silent = new ManualUpstream();
        ScriptedProvider mute = ScriptedProvider.named("Mute").answering(model -> silent.result());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry(mute).create("Mute:", HI, limits(60_000, 500)).text().get(10, TimeUnit.SECONDS));
        ProviderTimeoutException timeout = (ProviderTimeoutException) e.getCause();
        assertThat(timeout.kind()).isEqualTo(ProviderTimeoutException.Kind.TOTAL);
        assertThat(timeout).hasMessageContaining("total timeout of 500 ms").hasMessageContaining("totalTimeout(");
        assertThat(silent.isCancelled()).isTrue();
    }

    @Test
    void theTotalTimeoutIncludesFailoverAndKeepsEarlierFailures() throws Exception {
        ManualUpstream first = new ManualUpstream();
        ManualUpstream second = new ManualUpstream();
        ScriptedProvider a = new ScriptedProvider("A", true, "a", List.of("a", "m"), Map.of(), model -> first.result());
        ScriptedProvider b = new ScriptedProvider("B", true, "b", List.of("b", "m"), Map.of(), model -> second.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        registry(a, b).create("m", HI, limits(1_000, 1_500)).subscribe(s);
        s.await();
        assertThat(s.error).isInstanceOf(ProviderTimeoutException.class);
        assertThat(((ProviderTimeoutException) s.error).kind()).isEqualTo(ProviderTimeoutException.Kind.TOTAL);
        assertThat(s.error.getSuppressed()).hasSize(1);
        assertThat(s.error.getSuppressed()[0]).isInstanceOf(ProviderTimeoutException.class);
        assertThat(first.isCancelled()).isTrue();
        assertThat(second.isCancelled()).isTrue();
    }

    @Test
    void idleTimeoutsBeforeTextFailOverAndEveryAttemptIsNamed() throws Exception {
        ManualUpstream first = new ManualUpstream();
        ManualUpstream second = new ManualUpstream();
        ScriptedProvider a = new ScriptedProvider("A", true, "a", List.of("a", "m"), Map.of(), model -> first.result());
        ScriptedProvider b = new ScriptedProvider("B", true, "b", List.of("b", "m"), Map.of(), model -> second.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        registry(a, b).create("m", HI, limits(200, 30_000)).subscribe(s);
        s.await();
        assertThat(s.error).isInstanceOf(RetryProviderException.class)
                .hasMessageContaining("A: ProviderTimeoutException").hasMessageContaining("B: ProviderTimeoutException");
        assertThat(first.isCancelled()).isTrue();
        assertThat(second.isCancelled()).isTrue();
    }

    @Test
    void aBlockingProviderStuckForeverIsInterruptedWhenTheIdleLimitRunsOut() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        ScriptedProvider stuck = ScriptedProvider.named("Stuck").answering(model -> AsyncResult.fromBlocking(null, sink -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry(stuck).create("Stuck:", HI, limits(300, 60_000)).text().get(10, TimeUnit.SECONDS));
        assertThat(((ProviderTimeoutException) e.getCause()).kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aProviderThatNeverSubscribesIsStillBounded() throws Exception {
        ScriptedProvider black = ScriptedProvider.named("Hole").answering(model -> AsyncResult.from(subscriber -> { }));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry(black).create("Hole:", HI, limits(300, 60_000)).text().get(10, TimeUnit.SECONDS));
        assertThat(((ProviderTimeoutException) e.getCause()).kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
    }

    @Test
    void chunksOfAnyKindKeepTheAttemptAlive() throws Exception {
        // a queue that reports its position every 100 ms for 8 rounds (longer than the idle limit), then answers
        ManualUpstream upstream = new ManualUpstream();
        AtomicInteger rounds = new AtomicInteger();
        ScriptedProvider queued = ScriptedProvider.named("Queued").answering(model -> upstream.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        registry(queued).create("Queued:", HI, limits(500, 30_000)).subscribe(s);
        assertThat(upstream.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        ticker.scheduleWithFixedDelay(() -> {
            int round = rounds.incrementAndGet();
            if (round <= 8) {
                upstream.push(ResponseChunk.queueStatus(9 - round, 10, null));
            } else if (round == 9) {
                upstream.push(text("done"));
                upstream.push(finish("stop"));
                upstream.complete();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        s.await();
        assertThat(s.error).isNull();
        assertThat(s.snapshot()).contains(text("done"));
        assertThat(upstream.isCancelled()).isFalse();
    }

    @Test
    void aProviderEnforcingItsOwnTimeoutKeepsItsError() throws Exception {
        ProviderTimeoutException own = new ProviderTimeoutException(ProviderTimeoutException.Kind.IDLE, Duration.ofSeconds(1),
                "the provider's own idle timer fired");
        ScriptedProvider careful = ScriptedProvider.named("Careful").answering(model -> AsyncResult.failed(own));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> registry(careful).create("Careful:", HI, limits(1_000, 2_000)).text().get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isSameAs(own);
    }

    @Test
    void aFastAnswerIsUntouchedByTheTimers() throws Exception {
        ScriptedProvider fast = ScriptedProvider.named("Fast");
        assertThat(registry(fast).create("Fast:", HI, limits(1_000, 2_000)).text().get(10, TimeUnit.SECONDS))
                .isEqualTo("Fast answers fast-model");
    }
}
