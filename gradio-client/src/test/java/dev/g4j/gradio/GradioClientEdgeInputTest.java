package dev.g4j.gradio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input at the Gradio client's edge: each is refused at once with a message that says what to write instead. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GradioClientEdgeInputTest {

    @Test
    void timeoutsMustBePositive() {
        GradioClient.Builder b = GradioClient.builder();
        assertThatThrownBy(() -> b.connectTimeout(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout must be a positive duration");
        assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> b.totalTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("totalTimeout");
    }

    @Test
    void limitsMustBeUsable() {
        GradioClient.Builder b = GradioClient.builder();
        assertThatThrownBy(() -> b.maxEventBytes(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1024");
        assertThatThrownBy(() -> b.maxEventBytes(Integer.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxBufferedEvents(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> b.maxConnectionsPerHost(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x:1", "socks5://host", "http://host", "file:///tmp/proxy", "mailto:someone@example.com"})
    void unusableProxiesAreRefusedWithTheExpectedShape(String proxy) {
        assertThatThrownBy(() -> GradioClient.builder().proxy(URI.create(proxy)))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("scheme://[user:password@]host:port", "Unsupported proxy scheme"));
    }

    @Test
    void proxyCredentialsNeverAppearInTheError() {
        assertThatThrownBy(() -> GradioClient.builder().proxy(URI.create("socks5://user:s3cret@host")))
                .isInstanceOf(IllegalArgumentException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "ftp://example.com", "http:///only-a-path", "mailto:x@y", "localhost:7860"})
    void requestsNeedAnAbsoluteHttpBaseUrl(String base) {
        assertThatThrownBy(() -> GradioRequest.builder(URI.create(base), "chat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an absolute http:// or https:// URL");
    }

    @Test
    void nullBaseUrlAndApiNameAreNamed() {
        assertThatThrownBy(() -> GradioRequest.builder(null, "chat")).isInstanceOf(NullPointerException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> GradioRequest.builder(URI.create("http://127.0.0.1:1"), (String) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("apiName");
    }

    @Test
    void aClosedPortFailsFastAsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GradioClient client = GradioClient.builder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            CompletableFuture<GradioConfig> config = client.config(URI.create("http://127.0.0.1:" + port));
            assertThatThrownBy(() -> config.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(GradioConnectionException.class).hasMessageContaining("127.0.0.1:" + port);
        } finally {
            client.close();
        }
    }

    @Test
    void aClosedClientSaysToBuildANewOne() {
        GradioClient client = GradioClient.builder().build();
        client.close();
        assertThatThrownBy(() -> client.submit(GradioRequest.builder(URI.create("http://127.0.0.1:1"), "chat").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("build a new one");
    }
}
