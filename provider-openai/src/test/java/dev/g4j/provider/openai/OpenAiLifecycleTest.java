package dev.g4j.provider.openai;

import dev.g4j.openai.testkit.Fault;
import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.tck.LoopbackHttpProxy;
import dev.g4j.provider.tck.LoopbackSocks5Proxy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiLifecycleTest {
    private static final String LONG = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            + "fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four";

    private static OpenAiCompatibleProvider provider(OpenAiSimulator sim) {
        return OpenAiCompatibleProvider.builder().name("Sim").baseUrl(sim.baseUrl())
                .models(OpenAiSimulator.DEFAULT_MODELS).environment(name -> null).build();
    }

    @Test
    void cancellingClosesTheUpstreamConnection() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(LONG).tokenDelay(Duration.ofMillis(40)).start();
             OpenAiCompatibleProvider p = provider(sim)) {
            CountDownLatch firstText = new CountDownLatch(1);
            AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
            p.createAsyncGenerator(null, Messages.ofUser("Count")).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ResponseChunk item) {
                    if (item instanceof ResponseChunk.Text) {
                        firstText.countDown();
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
            assertThat(firstText.await(10, TimeUnit.SECONDS)).isTrue();
            subscription.get().cancel();
            assertThat(sim.awaitClientDisconnect(Duration.ofSeconds(10))).isTrue();
            assertThat(sim.openStreams()).isZero();
        }
    }

    @Test
    void idleTimeoutFiresWhenTheServerStalls() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(LONG).start(); OpenAiCompatibleProvider p = provider(sim)) {
            sim.nextFaults(Fault.stallAfter(1));
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().idleTimeout(Duration.ofMillis(300)).build()));
            assertThat(a.text()).isEqualTo("one ");
            assertThat(a.error).isInstanceOf(ProviderTimeoutException.class).hasMessageContaining("idle timeout");
            assertThat(((ProviderTimeoutException) a.error).kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
            assertThat(sim.awaitClientDisconnect(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void slowTokensWithinTheIdleLimitAreFine() {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("a b c d").tokenDelay(Duration.ofMillis(60)).start();
             OpenAiCompatibleProvider p = provider(sim)) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().idleTimeout(Duration.ofSeconds(5)).build()));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("a b c d");
        }
    }

    @Test
    void totalTimeoutFiresOnAnEndlessTrickle() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(LONG).tokenDelay(Duration.ofMillis(50)).start();
             OpenAiCompatibleProvider p = provider(sim)) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().idleTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofMillis(400)).build()));
            assertThat(a.error).isInstanceOf(ProviderTimeoutException.class);
            assertThat(((ProviderTimeoutException) a.error).kind()).isEqualTo(ProviderTimeoutException.Kind.TOTAL);
            assertThat(a.text()).isNotEmpty().isNotEqualTo(LONG);
            assertThat(sim.awaitClientDisconnect(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void goesThroughAnHttpProxy() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("via proxy").start();
             LoopbackHttpProxy proxy = new LoopbackHttpProxy(); OpenAiCompatibleProvider p = provider(sim)) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().proxy("http://127.0.0.1:" + proxy.port()).build()));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("via proxy");
            assertThat(proxy.requestLines()).anySatisfy(line -> assertThat(line).contains("127.0.0.1:" + sim.port()));
        }
    }

    @Test
    void goesThroughASocks5Proxy() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("via socks").start();
             LoopbackSocks5Proxy proxy = new LoopbackSocks5Proxy(); OpenAiCompatibleProvider p = provider(sim)) {
            Answer a = Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"),
                    ProviderOptions.builder().proxy("socks5://127.0.0.1:" + proxy.port()).build()));
            assertThat(a.error).isNull();
            assertThat(a.text()).isEqualTo("via socks");
            assertThat(proxy.targets()).anySatisfy(t -> assertThat(t).endsWith(":" + sim.port()));
        }
    }

    @Test
    void closedProviderFailsNewRequestsAndCloseIsIdempotent() {
        try (OpenAiSimulator sim = OpenAiSimulator.start()) {
            OpenAiCompatibleProvider p = provider(sim);
            assertThat(Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"))).error).isNull();
            p.close();
            p.close();
            assertThat(Answer.of(p.createAsyncGenerator(null, Messages.ofUser("Hi"))).error).hasMessageContaining("closed");
        }
    }

    @Test
    void backPressureDeliversEveryChunkOneAtATime() throws Exception {
        try (OpenAiSimulator sim = OpenAiSimulator.builder().answer(LONG).start(); OpenAiCompatibleProvider p = provider(sim)) {
            StringBuilder text = new StringBuilder();
            CountDownLatch done = new CountDownLatch(1);
            p.createAsyncGenerator(null, Messages.ofUser("Hi")).subscribe(new Flow.Subscriber<>() {
                Flow.Subscription s;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    this.s = s;
                    s.request(1);
                }

                @Override
                public void onNext(ResponseChunk item) {
                    if (item instanceof ResponseChunk.Text t) {
                        text.append(t.text());
                    }
                    s.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(text.toString()).isEqualTo(LONG);
        }
    }
}
