package dev.g4j.provider.qwen25;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery, resource ownership and clean shutdown. */
class Qwen25ProviderLifecycleTest {
    private static GradioSimulator sim;

    @BeforeAll
    static void start() {
        sim = GradioSimulator.builder().tokenDelay(Duration.ZERO).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ProviderOptions options() {
        return ProviderOptions.builder().baseUrl(sim.baseUrl()).idleTimeout(Duration.ofSeconds(10)).build();
    }

    private static String ask(AsyncGeneratorProvider provider) throws Exception {
        return provider.createAsyncGenerator("qwen-2.5", Messages.ofUser("Hello"), options()).text().get(20, TimeUnit.SECONDS);
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    @Test
    void serviceLoaderFindsTheProviderAndItDescribesItself() {
        Set<Thread> before = liveThreads();
        List<AsyncGeneratorProvider> found = ServiceLoader.load(AsyncGeneratorProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(Qwen25Provider.class::isInstance).toList();
        assertThat(found).hasSize(1);
        AsyncGeneratorProvider p = found.get(0);
        assertThat(liveThreads()).as("construction starts no thread").isSubsetOf(before);
        assertThat(p.name()).isEqualTo("Qwen_Qwen_2_5");
        assertThat(p.label()).isEqualTo("Qwen Qwen-2.5");
        assertThat(p.url()).isEqualTo("https://qwen-qwen2-5.hf.space");
        assertThat(p.working()).isTrue();
        assertThat(p.supportsStream()).isTrue();
        assertThat(p.supportsSystemMessage()).isTrue();
        assertThat(p.supportsMessageHistory()).isTrue();
        assertThat(p.needsAuth()).isFalse();
        p.close();
    }

    @Test
    void closeStopsEveryThreadTheProviderStarted() throws Exception {
        Set<Thread> before = liveThreads();
        Qwen25Provider provider = new Qwen25Provider();
        assertThat(ask(provider)).isEqualTo("You said: Hello");
        Set<Thread> started = liveThreads();
        started.removeAll(before);
        assertThat(started).as("the provider runs on its own threads").isNotEmpty();
        assertThat(started).as("and they never keep the JVM alive").allMatch(Thread::isDaemon);
        provider.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : started) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        assertThat(started).as("threads still alive after close()").noneMatch(Thread::isAlive);
        long nonDaemonBefore = before.stream().filter(t -> !t.isDaemon()).count();
        long nonDaemonAfter = liveThreads().stream().filter(t -> !t.isDaemon()).count();
        assertThat(nonDaemonAfter).isLessThanOrEqualTo(nonDaemonBefore);
    }

    @Test
    void aClosedProviderStartsAfreshOnTheNextRequest() throws Exception {
        Qwen25Provider provider = new Qwen25Provider();
        assertThat(ask(provider)).isEqualTo("You said: Hello");
        provider.close();
        assertThat(ask(provider)).isEqualTo("You said: Hello");
        provider.close();
        provider.close();
    }

    @Test
    void aHostVertxIsUsedAndLeftOpen() throws Exception {
        Vertx host = Vertx.vertx();
        try {
            Set<Thread> before = liveThreads();
            Qwen25Provider provider = new Qwen25Provider(host);
            assertThat(ask(provider)).isEqualTo("You said: Hello");
            Set<Thread> started = liveThreads();
            started.removeAll(before);
            assertThat(started).as("no Vert.x of its own").noneMatch(t -> t.getName().startsWith("vert.x-") && t.isDaemon());
            provider.close();
            assertThat(host.timer(1).toCompletionStage().toCompletableFuture()).as("the host's Vert.x still runs")
                    .succeedsWithin(Duration.ofSeconds(5));
            try (Qwen25Provider again = new Qwen25Provider(host)) {
                assertThat(ask(again)).isEqualTo("You said: Hello");
            }
        } finally {
            host.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
