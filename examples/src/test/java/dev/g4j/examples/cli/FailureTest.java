package dev.g4j.examples.cli;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.UpstreamConnectionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTest {

    @Test
    void exitCodes() {
        assertThat(Failure.of(new UsageException("x")).exitCode()).isEqualTo(2);
        assertThat(Failure.of(new ModelNotFoundException("x")).exitCode()).isEqualTo(3);
        assertThat(Failure.of(new ProviderNotFoundException("x")).exitCode()).isEqualTo(3);
        assertThat(Failure.of(new UpstreamConnectionException("x")).exitCode()).isEqualTo(4);
        assertThat(Failure.of(new RemoteProcessException("x")).exitCode()).isEqualTo(4);
        assertThat(Failure.of(timeout(ProviderTimeoutException.Kind.CONNECT)).exitCode()).isEqualTo(4);
        assertThat(Failure.of(timeout(ProviderTimeoutException.Kind.IDLE)).exitCode()).isEqualTo(5);
        assertThat(Failure.of(timeout(ProviderTimeoutException.Kind.TOTAL)).exitCode()).isEqualTo(5);
        assertThat(Failure.of(new CancellationException()).exitCode()).isEqualTo(130);
        assertThat(Failure.of(new IllegalStateException("bug")).exitCode()).isEqualTo(1);
    }

    @Test
    void unwrapsFuturesAndOneAttemptFailovers() {
        Failure f = Failure.of(new CompletionException(retry(new UpstreamConnectionException("Cannot talk to example.org:443"))));

        assertThat(f.exitCode()).isEqualTo(4);
        assertThat(f.message()).isEqualTo("Cannot talk to example.org:443. " + Failure.OFFLINE_HINT);
    }

    @Test
    void aUrlPasswordInAnyErrorIsMasked() {
        Failure f = Failure.of(new CompletionException(retry(new UpstreamConnectionException(
                "Cannot reach the proxy http://alice:p@ss@proxy.example:3128 (refused)")))).behindProxy();

        assertThat(f.message()).contains("http://***@proxy.example:3128").doesNotContain("p@ss", "alice");
        assertThat(Failure.of(new IllegalStateException("at socks5://u:pw@h:1")).message())
                .contains("socks5://***@h:1").doesNotContain("pw");
    }

    @Test
    void behindAProxyTheAdviceIsAboutTheProxy() {
        Failure f = Failure.of(new UpstreamConnectionException("Cannot talk to example.org:443")).behindProxy();

        assertThat(f.message()).isEqualTo("Cannot talk to example.org:443. " + Failure.PROXY_HINT);
        assertThat(Failure.of(new ModelNotFoundException("x")).behindProxy().message()).isEqualTo("x (see g4j --list-models)");
    }

    @Test
    void severalAttemptsThatAllTimedOutAreATimeout() {
        Failure f = Failure.of(retry(timeout(ProviderTimeoutException.Kind.IDLE), timeout(ProviderTimeoutException.Kind.TOTAL)));

        assertThat(f.exitCode()).isEqualTo(5);
        assertThat(f.message()).endsWith(Failure.TIMEOUT_HINT);
    }

    @Test
    void messagesStayOnOneLine() {
        assertThat(Failure.of(new RemoteProcessException("line one\n  line two\r\n")).message()).isEqualTo("line one line two");
    }

    private static ProviderTimeoutException timeout(ProviderTimeoutException.Kind kind) {
        return new ProviderTimeoutException(kind, Duration.ofSeconds(1), kind + " timed out");
    }

    private static RetryProviderException retry(Throwable... errors) {
        return RetryProviderException.of("m", java.util.Arrays.stream(errors)
                .map(e -> Map.entry("P", e)).toList());
    }
}
