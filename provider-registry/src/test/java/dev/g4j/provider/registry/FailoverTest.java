package dev.g4j.provider.registry;

import dev.g4j.provider.api.RecordingSubscriber;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.UpstreamConnectionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.g4j.provider.api.ResponseChunk.finish;
import static dev.g4j.provider.api.ResponseChunk.providerInfo;
import static dev.g4j.provider.api.ResponseChunk.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model resolution and failover across programmatic providers. */
class FailoverTest {
    private static final Messages HI = Messages.ofUser("hi");

    /** Alpha and Beta both serve "small" under their own canonical names; Beta is not working. */
    private final ScriptedProvider alpha = new ScriptedProvider("Alpha", true, "alpha-large",
            List.of("alpha-large", "alpha-small"), Map.of("small", "alpha-small", "shared", "alpha-large"),
            model -> AsyncResult.of(text("Alpha:" + model), finish("stop")));
    private final ScriptedProvider beta = new ScriptedProvider("Beta", false, "beta-base",
            List.of("beta-base", "beta-small-v2"), Map.of("small", "beta-small-v2"),
            model -> AsyncResult.of(text("Beta:" + model), finish("stop")));
    private final ScriptedProvider gamma = new ScriptedProvider("Gamma", true, "gamma-1",
            List.of("gamma-1", "Shared"), Map.of(),
            model -> AsyncResult.of(text("Gamma:" + model), finish("stop")));

    private ProviderRegistry registry(AsyncGeneratorProvider... providers) {
        ProviderRegistry.Builder b = ProviderRegistry.builder().useDefaultClassLoaders(false);
        for (AsyncGeneratorProvider p : providers) {
            b.add(p);
        }
        return b.build();
    }

    private static List<ResponseChunk> collect(AsyncResult result) throws InterruptedException {
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        result.subscribe(s);
        s.await();
        return s.snapshot();
    }

    @Test
    void lookupIsCaseInsensitiveAndUnknownNamesSuggestTheClosest() {
        ProviderRegistry r = registry(alpha, beta, gamma);
        assertThat(r.find("ALPHA")).containsSame(alpha);
        assertThat(r.find("nope")).isEmpty();
        assertThat(r.find(null)).isEmpty();
        assertThat(r.provider("gamma")).isSameAs(gamma);
        assertThatThrownBy(() -> r.provider("Alpah")).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("Did you mean 'Alpha'?").hasMessageContaining("Known providers: Alpha, Beta, Gamma");
    }

    @Test
    void modelsListsEveryCanonicalNameAndAliasSortedOnce() {
        assertThat(registry(alpha, beta, gamma).models()).containsExactly(
                "Shared", "alpha-large", "alpha-small", "beta-base", "beta-small-v2", "gamma-1", "shared", "small");
    }

    @Test
    void providersForPutsWorkingOnesFirstInStableOrder() {
        ProviderRegistry r = registry(beta, alpha, gamma);
        assertThat(r.providersFor("SMALL")).containsExactly(alpha, beta);
        assertThat(r.providersFor("shared")).containsExactly(alpha, gamma);
        assertThat(r.providersFor("beta-small-v2")).containsExactly(beta);
        assertThat(r.providersFor("unknown")).isEmpty();
        assertThat(r.providers()).containsExactly(beta, alpha, gamma);
    }

    @Test
    void aliasAndCanonicalNamesResolvePerProvider() throws Exception {
        ProviderRegistry r = registry(alpha, gamma);
        assertThat(r.create("small", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Alpha:alpha-small");
        assertThat(r.create("ALPHA-LARGE", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Alpha:alpha-large");
        assertThat(r.create("gamma-1", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Gamma:gamma-1");
    }

    @Test
    void providerColonModelPinsTheProvider() throws Exception {
        ProviderRegistry r = registry(alpha, beta);
        assertThat(collect(r.create("beta:small", HI))).containsExactly(
                providerInfo("Beta", "beta-small-v2"), text("Beta:beta-small-v2"), finish("stop"));
        assertThat(alpha.calls).isEmpty();
        assertThat(r.create("BETA:", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Beta:beta-base");
        assertThatThrownBy(() -> r.forModel("Beta:alpha-small")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Beta");
        assertThatThrownBy(() -> r.forModel("Nobody:small")).isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("No provider named 'Nobody'");
    }

    @Test
    void unknownModelSuggestsAcrossAllProviders() {
        assertThatThrownBy(() -> registry(alpha, beta).forModel("beta-smal-v2"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Did you mean 'beta-small-v2'?")
                .hasMessageContaining("alpha-large");
    }

    @Test
    void blankModelMeansTheDefaultOfTheFirstWorkingProvider() throws Exception {
        ProviderRegistry r = registry(beta, gamma, alpha);
        assertThat(r.create(null, HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Gamma:gamma-1");
        assertThat(r.create("  ", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Gamma:gamma-1");
        assertThatThrownBy(() -> registry().forModel(null)).isInstanceOf(ProviderNotFoundException.class);
    }

    @Test
    void failsOverBeforeTheFirstTextAndAnnouncesEveryAttempt() throws Exception {
        RateLimitException limited = new RateLimitException("429 from Alpha");
        alpha.answering(model -> AsyncResult.failed(limited));
        ProviderRegistry r = registry(alpha, beta);
        List<ResponseChunk> chunks = collect(r.create("small", HI));
        assertThat(chunks).containsExactly(
                providerInfo("Alpha", "alpha-small"), providerInfo("Beta", "beta-small-v2"),
                text("Beta:beta-small-v2"), finish("stop"));
        assertThat(alpha.calls).containsExactly("alpha-small");
        assertThat(beta.calls).containsExactly("beta-small-v2");
    }

    @Test
    void aSynchronousThrowCountsAsAFailedAttempt() throws Exception {
        alpha.answering(model -> {
            throw new IllegalStateException("cannot even start");
        });
        assertThat(registry(alpha, beta).create("small", HI).text().get(5, TimeUnit.SECONDS)).isEqualTo("Beta:beta-small-v2");
    }

    @Test
    void nonTextChunksDoNotStopFailoverButAnEmptyAnswerHandsOver() throws Exception {
        alpha.answering(model -> AsyncResult.of(new ResponseChunk.QueueStatus(2, 5, null), finish("stop")));
        List<ResponseChunk> chunks = collect(registry(alpha, beta).create("small", HI));
        assertThat(chunks).containsExactly(providerInfo("Alpha", "alpha-small"), new ResponseChunk.QueueStatus(2, 5, null),
                providerInfo("Beta", "beta-small-v2"), text("Beta:beta-small-v2"), finish("stop"));
    }

    @Test
    void theLastCandidatesEmptyAnswerIsAccepted() throws Exception {
        beta.answering(model -> AsyncResult.of(finish("stop")));
        assertThat(collect(registry(beta).create("small", HI))).containsExactly(providerInfo("Beta", "beta-small-v2"), finish("stop"));
        alpha.answering(model -> AsyncResult.failed(new RateLimitException("429")));
        assertThat(registry(alpha, beta).create("small", HI).text().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void neverRetriesOnceTextHasFlowed() throws Exception {
        ManualUpstream upstream = new ManualUpstream();
        alpha.answering(model -> upstream.result());
        ProviderRegistry r = registry(alpha, beta);
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        r.create("small", HI).subscribe(s);
        assertThat(upstream.requested.get()).isEqualTo(1);
        upstream.push(text("half an ans"));
        UpstreamConnectionException reset = new UpstreamConnectionException("connection reset");
        upstream.fail(reset);
        s.await();
        assertThat(s.error).isSameAs(reset);
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-small"), text("half an ans"));
        assertThat(beta.calls).isEmpty();
    }

    @Test
    void whenAllFailTheRetryExceptionNamesAndSuppressesEveryCause() throws Exception {
        RateLimitException first = new RateLimitException("429");
        IllegalStateException second = new IllegalStateException("boom");
        alpha.answering(model -> AsyncResult.failed(first));
        beta.answering(model -> {
            throw second;
        });
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        registry(alpha, beta).create("small", HI).subscribe(s);
        s.await();
        assertThat(s.error).isInstanceOf(RetryProviderException.class)
                .hasMessageContaining("'small'").hasMessageContaining("Alpha: RateLimitException: 429")
                .hasMessageContaining("Beta: IllegalStateException: boom");
        assertThat(s.error.getSuppressed()).containsExactly(first, second);
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-small"), providerInfo("Beta", "beta-small-v2"));
        // one candidate only: its own error, not a RetryProviderException around it
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> registry(alpha).create("small", HI).text().get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isSameAs(first);
    }

    @Test
    void backPressureReachesTheUpstreamOneItemAtATime() {
        ManualUpstream upstream = new ManualUpstream();
        alpha.answering(model -> upstream.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(0);
        registry(alpha).forModel("alpha-large").createAsyncGenerator("alpha-large", HI).subscribe(s);
        assertThat(s.snapshot()).isEmpty();
        assertThat(upstream.requested.get()).isZero();

        s.subscription.request(1);
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-large"));
        assertThat(upstream.requested.get()).isZero();

        s.subscription.request(1);
        assertThat(upstream.requested.get()).isEqualTo(1);
        s.subscription.request(5);
        assertThat(upstream.requested.get()).isEqualTo(1);
        upstream.push(text("one"));
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-large"), text("one"));
        assertThat(upstream.requested.get()).isEqualTo(2);
        upstream.push(text("two"));
        upstream.push(finish("stop"));
        upstream.complete();
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-large"), text("one"), text("two"), finish("stop"));
        assertThat(s.completed).isTrue();
    }

    @Test
    void requestOneGivesOneChunk() {
        ManualUpstream upstream = new ManualUpstream();
        alpha.answering(model -> upstream.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(0);
        registry(alpha).create("alpha-large", HI).subscribe(s);
        s.subscription.request(2);
        upstream.push(text("a"));
        upstream.push(text("b"));
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-large"), text("a"));
        s.subscription.request(1);
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-large"), text("a"), text("b"));
    }

    @Test
    void cancelStopsTheActiveUpstream() throws Exception {
        ManualUpstream failing = new ManualUpstream();
        ManualUpstream active = new ManualUpstream();
        alpha.answering(model -> failing.result());
        beta.answering(model -> active.result());
        RecordingSubscriber<ResponseChunk> s = new RecordingSubscriber<>(Long.MAX_VALUE);
        registry(alpha, beta).create("small", HI).subscribe(s);
        failing.fail(new RateLimitException("429"));
        assertThat(active.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        active.push(text("partial"));
        s.subscription.cancel();
        assertThat(active.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failing.isCancelled()).isFalse();
        active.push(text("ignored"));
        assertThat(s.snapshot()).containsExactly(providerInfo("Alpha", "alpha-small"), providerInfo("Beta", "beta-small-v2"), text("partial"));
        assertThat(s.terminalSignals.get()).isZero();
    }

    @Test
    void createPassesOptionsAndTheResultIsSingleUse() throws Exception {
        ProviderOptions options = ProviderOptions.builder().idleTimeout(Duration.ofSeconds(5)).build();
        AsyncResult result = registry(alpha).create("alpha-small", HI, options);
        assertThat(result.text().get(5, TimeUnit.SECONDS)).isEqualTo("Alpha:alpha-small");
        assertThat(alpha.lastOptions).isSameAs(options);
        RecordingSubscriber<ResponseChunk> again = new RecordingSubscriber<>(1);
        result.subscribe(again);
        again.await();
        assertThat(again.error).isInstanceOf(IllegalStateException.class);
        assertThat(alpha.calls).hasSize(1);
    }

    @Test
    void forModelIsColdAndDescribesItsCandidates() {
        ManualUpstream upstream = new ManualUpstream();
        alpha.answering(model -> upstream.result());
        ProviderRegistry r = registry(alpha, beta);
        AsyncGeneratorProvider p = r.forModel("small");
        assertThat(alpha.calls).isEmpty();
        assertThat(p.label()).isEqualTo("Failover over Alpha, Beta");
        assertThat(p.working()).isTrue();
        AsyncResult unused = p.createAsyncGenerator(null, HI);
        // the first candidate's request is prepared (so bad arguments throw here) but nothing is subscribed
        assertThat(alpha.calls).containsExactly("alpha-small");
        assertThat(upstream.subscribed.getCount()).isEqualTo(1);
        assertThat(beta.calls).isEmpty();
        assertThat(unused).isNotNull();
    }

    @Test
    void closedRegistryRefusesNewRequestsAndKeepsProgrammaticProvidersOpen() {
        ProviderRegistry r = registry(alpha);
        r.close();
        assertThat(alpha.closed).isFalse();
        assertThatThrownBy(() -> r.forModel("small")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aProviderThatAnnouncesItselfIsAnnouncedOnceButOtherInfoPassesThrough() throws Exception {
        ScriptedProvider self = new ScriptedProvider("Self", true, "self-1", List.of("self-1"), Map.of(),
                model -> AsyncResult.of(providerInfo("Self", model), text("hi"), providerInfo("Elsewhere", "x"), finish("stop")));
        assertThat(collect(registry(self).create("self-1", HI)))
                .containsExactly(providerInfo("Self", "self-1"), text("hi"), providerInfo("Elsewhere", "x"), finish("stop"));
    }
}
