package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderOptionsTest {

    @Test
    void defaultsFollowG4f() {
        ProviderOptions d = ProviderOptions.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(d.totalTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.proxy()).isEmpty();
        assertThat(d.baseUrl()).isEmpty();
        assertThat(d.params()).isEmpty();
        assertThat(ProviderOptions.builder().build()).isEqualTo(d);
    }

    @Test
    void acceptsHttpAndSocksProxiesWithCredentials() {
        assertThat(ProviderOptions.builder().proxy("http://user:pa55@proxy.local:3128").build().proxy())
                .contains(URI.create("http://user:pa55@proxy.local:3128"));
        assertThat(ProviderOptions.builder().proxy(" socks5://u:p@127.0.0.1:1080 ").build().proxy().orElseThrow().getPort())
                .isEqualTo(1080);
        assertThat(ProviderOptions.builder().proxy("socks5://u:p@127.0.0.1:1080").proxy("").build().proxy()).isEmpty();
    }

    @Test
    void rejectsBadProxiesWithAClearMessage() {
        assertThatThrownBy(() -> ProviderOptions.builder().proxy("http://exa mple:80"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Malformed proxy URL");
        assertThatThrownBy(() -> ProviderOptions.builder().proxy("ftp://host:21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported proxy URL").hasMessageContaining("socks5");
        assertThatThrownBy(() -> ProviderOptions.builder().proxy("socks5://host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no port");
        assertThatThrownBy(() -> ProviderOptions.builder().proxy("proxy.local:3128"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported proxy URL");
    }

    @Test
    void baseUrlMustBeHttpAndLosesItsTrailingSlash() {
        assertThat(ProviderOptions.builder().baseUrl("http://127.0.0.1:7860/").build().baseUrl())
                .contains(URI.create("http://127.0.0.1:7860"));
        assertThat(ProviderOptions.builder().baseUrl("https://h.example/api//").build().baseUrl())
                .contains(URI.create("https://h.example/api"));
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl("ftp://h.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl("/relative/path"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl("http://bad host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Malformed base URL");
    }

    @Test
    void toStringMasksCredentials() {
        ProviderOptions o = ProviderOptions.builder().proxy("http://alice:s3cret@proxy.local:3128")
                .baseUrl("https://bob:t0ken@api.example/v1").param("apiKey", "k-123").build();
        assertThat(o.toString()).doesNotContain("alice", "s3cret", "bob", "t0ken", "k-123")
                .contains("proxy.local:3128", "api.example", "apiKey");
    }

    @Test
    void timeoutsMustBePositiveAndParamsKeepOrder() {
        assertThatThrownBy(() -> ProviderOptions.builder().idleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> ProviderOptions.builder().totalTimeout(null)).isInstanceOf(IllegalArgumentException.class);
        ProviderOptions o = ProviderOptions.builder().param("b", 1).param("a", 2).param("b", null).param("c", 3).build();
        assertThat(o.params().keySet()).containsExactly("a", "c");
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.param("a")).contains(2);
    }
}
