package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RecordingSubscriber;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.UpstreamConnectionException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.providerInfo;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One rule for errors: a single candidate's failure as it is, RetryProviderException only for two or more. */
class ErrorRuleTest {
    private static final Messages HI = Messages.ofUser("hi");

    private final ScriptedProvider alpha = new ScriptedProvider("Alpha", true, "alpha-1", List.of("alpha-1", "only-alpha"),
            Map.of("shared", "alpha-1"), model -> AsyncResult.of(text("Alpha:" + model), finish("stop")));
    private final ScriptedProvider beta = new ScriptedProvider("Beta", true, "beta-1", List.of("beta-1"),
            Map.of("shared", "beta-1"), model -> AsyncResult.of(text("Beta:" + model), finish("stop")));

    private ProviderRegistry registry(AsyncGeneratorProvider... providers) {
        ProviderRegistry.Builder b = ProviderRegistry.builder().useDefaultClassLoaders(false).environment(Map.of())
                .providersFile(java.nio.file.Path.of("does-not-matter.json").toAbsolutePath());
        for (AsyncGeneratorProvider p : providers) {
            b.add(p);
        }
        return b.build();
    }

    private static RecordingSubscriber<ResponseChunk> run(AsyncResult result) throws InterruptedException {
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        result.subscribe(s);
        s.await();
        return s;
    }

    @Test
    void aPinnedProvidersFailureBeforeTextIsPassedOnAsItIs() throws Exception {
        RateLimitException limited = new RateLimitException("429 slow down");
        alpha.answering(model -> AsyncResult.failed(limited));
        RecordingSubscriber<ResponseChunk> s = run(registry(alpha, beta).create("Alpha:", HI));
        assertThat(s.error).isSameAs(limited);
        assertThat(s.error.getSuppressed()).isEmpty();
        assertThat(beta.calls).isEmpty();
    }

    @Test
    void aModelOnlyOneProviderServesFailsWithThatProvidersErrorAfterTextToo() throws Exception {
        ManualUpstream upstream = new ManualUpstream();
        alpha.answering(model -> upstream.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        registry(alpha, beta).create("only-alpha", HI).subscribe(s);
        upstream.push(text("half"));
        UpstreamConnectionException reset = new UpstreamConnectionException("reset");
        upstream.fail(reset);
        s.await();
        assertThat(s.error).isSameAs(reset);
    }

    @Test
    void twoFailedAttemptsNameEachProviderTypeAndMessage() throws Exception {
        RateLimitException first = new RateLimitException("429 from alpha");
        UpstreamConnectionException second = new UpstreamConnectionException("refused by beta");
        alpha.answering(model -> AsyncResult.failed(first));
        beta.answering(model -> AsyncResult.failed(second));
        RecordingSubscriber<ResponseChunk> s = run(registry(alpha, beta).create("shared", HI));
        assertThat(s.error).isInstanceOf(RetryProviderException.class)
                .hasMessageContaining("Alpha: RateLimitException: 429 from alpha")
                .hasMessageContaining("Beta: UpstreamConnectionException: refused by beta");
        assertThat(s.error.getSuppressed()).containsExactly(first, second);
    }

    @Test
    void anIllegalArgumentFromCreateAsyncGeneratorIsThrownByCreate() {
        IllegalArgumentException bad = new IllegalArgumentException("no user message");
        alpha.answering(model -> {
            throw bad;
        });
        ProviderRegistry r = registry(alpha, beta);
        assertThatThrownBy(() -> r.create("Alpha:", HI)).isSameAs(bad);
        // also when other candidates exist: a bad argument is bad everywhere, so nobody else is asked
        assertThatThrownBy(() -> r.create("shared", HI)).isSameAs(bad);
        assertThat(beta.calls).isEmpty();
    }

    @Test
    void aPinnedUnknownModelIsThrownByCreate() {
        assertThatThrownBy(() -> registry(alpha).create("Alpha:nope", HI)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageNotContaining("Try again");
    }

    @Test
    void errorsRetryingCannotFixAreNeitherRetriedNorCalledTemporary() throws Exception {
        IllegalArgumentException bad = new IllegalArgumentException("temperature not allowed here");
        alpha.answering(model -> AsyncResult.failed(bad));
        RecordingSubscriber<ResponseChunk> s = run(registry(alpha, beta).create("shared", HI));
        assertThat(s.error).isSameAs(bad);
        assertThat(beta.calls).isEmpty();
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-1"));

        ModelNotFoundException unknown = new ModelNotFoundException("Beta does not serve it");
        alpha.answering(model -> AsyncResult.failed(new RateLimitException("429")));
        beta.answering(model -> {
            throw unknown;
        });
        RecordingSubscriber<ResponseChunk> second = run(registry(alpha, beta).create("shared", HI));
        assertThat(second.error).isSameAs(unknown);
        assertThat(second.error.getMessage()).doesNotContain("Try again");
    }

    @Test
    void aRetryableThrowFromTheFirstCreateStillFailsOver() throws Exception {
        alpha.answering(model -> {
            throw new IllegalStateException("not ready");
        });
        RecordingSubscriber<ResponseChunk> s = run(registry(alpha, beta).create("shared", HI));
        assertThat(s.error).isNull();
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-1"), providerInfo("Beta", "beta-1"),
                text("Beta:beta-1"), finish("stop"));
    }

    @Test
    void theDefaultChainWithOneProviderPassesItsErrorOn() throws Exception {
        RateLimitException limited = new RateLimitException("429");
        alpha.answering(model -> AsyncResult.failed(limited));
        assertThat(run(registry(alpha).create(null, HI)).error).isSameAs(limited);
    }
}
