package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input at the SPI's edge: conversations and options are checked when they are built, with an
 * {@link IllegalArgumentException} whose message says what to pass instead.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ApiEdgeInputTest {

    @Test
    void conversationsNeedAtLeastOneRealMessage() {
        assertThatThrownBy(() -> Messages.of((Message[]) null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one message");
        assertThatThrownBy(() -> Messages.of()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usually a user message");
        assertThatThrownBy(() -> Messages.of((List<Message>) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Messages.of(Arrays.asList(Message.user("hi"), null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Message 1").hasMessageContaining("null");
        assertThatThrownBy(() -> Messages.ofUser("hi").with(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesNeedARoleAndContent() {
        assertThatThrownBy(() -> Message.user(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty content");
        assertThatThrownBy(() -> Message.system("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system message");
        assertThatThrownBy(() -> new Message(null, "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a role");
        assertThatThrownBy(() -> Messages.ofUser("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whitespaceOnlyContentIsContentAndIsKept() {
        assertThat(Message.user(" \t\n").content()).isEqualTo(" \t\n");
    }

    @Test
    void aFiveMebibytePromptIsAcceptedAndNeverPrinted() {
        String huge = "x".repeat(5 * 1024 * 1024);
        Messages chat = Messages.ofUser(huge);
        assertThat(chat.asList().get(0).content()).hasSize(5 * 1024 * 1024);
        assertThat(chat.toString()).hasSizeLessThan(200).contains(String.valueOf(5 * 1024 * 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"socks5://", "::", "http://ho st:80", "http://[::1:80"})
    void malformedProxyUrlsSayTheyAreMalformed(String proxy) {
        assertThatThrownBy(() -> ProviderOptions.builder().proxy(proxy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Malformed proxy URL").hasMessageContaining(proxy.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x:1", "x:1", "localhost:3128", "file:///proxy"})
    void proxiesWithAnotherSchemeListTheSupportedOnes(String proxy) {
        assertThatThrownBy(() -> ProviderOptions.builder().proxy(proxy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the scheme must be one of").hasMessageContaining("socks5://host:1080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://host", "socks5://host", "https://user:pw@host"})
    void proxiesWithoutAPortSayHowToWriteThem(String proxy) {
        assertThatThrownBy(() -> ProviderOptions.builder().proxy(proxy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no port").hasMessageContaining("scheme://[user:password@]host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socks5://127.0.0.1:99999", "http://h:70000", "http://h:0"})
    void proxyPortsOutsideTheTcpRangeAreRefused(String proxy) {
        assertThatThrownBy(() -> ProviderOptions.builder().proxy(proxy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(proxy).hasMessageContaining("1 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999", "https://h:65536/", "http://h:0"})
    void baseUrlPortsOutsideTheTcpRangeAreRefused(String base) {
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl(base)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(base).hasMessageContaining("1 to 65535");
    }

    @Test
    void proxiesWithoutAHostSayHowToWriteThem() {
        assertThatThrownBy(() -> ProviderOptions.builder().proxy("http://:3128")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme://[user:password@]host:port");
    }

    @Test
    void blankProxyAndBaseUrlMeanNone() {
        ProviderOptions o = ProviderOptions.builder().proxy("http://h:1").baseUrl("http://h").proxy("  ").baseUrl("\t").build();
        assertThat(o.proxy()).isEmpty();
        assertThat(o.baseUrl()).isEmpty();
    }

    @Test
    void validProxiesAreAcceptedInEveryScheme() {
        for (String p : List.of("http://h:3128", "HTTPS://h:443", "socks4://h:1", "socks4a://h:1", "socks5://u:p@h:1080",
                "socks5h://[::1]:1080", "  http://h:8080  ")) {
            assertThat(ProviderOptions.builder().proxy(p).build().proxy()).as(p).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "localhost:7860", "example.com", "http:///path", "mailto:a@b", "/relative"})
    void baseUrlsMustBeAbsoluteHttp(String base) {
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl(base)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an absolute http:// or https:// URL with a host").hasMessageContaining("e.g.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://", "::", "127.0.0.1:7860", "http://exa mple.com", "http://[::1"})
    void malformedBaseUrlsAreRefused(String base) {
        assertThatThrownBy(() -> ProviderOptions.builder().baseUrl(base)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("Malformed base URL", "must be an absolute http"));
    }

    @Test
    void trailingSlashesOfTheBaseUrlAreDropped() {
        assertThat(ProviderOptions.builder().baseUrl("http://127.0.0.1:7860///").build().baseUrl().orElseThrow())
                .hasToString("http://127.0.0.1:7860");
    }

    @Test
    void timeoutsMustBePositiveAndSayWhich() {
        ProviderOptions.Builder b = ProviderOptions.builder();
        assertThatThrownBy(() -> b.connectTimeout(null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("connectTimeout");
        assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("idleTimeout");
        assertThatThrownBy(() -> b.totalTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("totalTimeout");
    }

    @Test
    void parameterNamesMustBeNamesAndNullRemoves() {
        assertThatThrownBy(() -> ProviderOptions.builder().param(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderOptions.builder().param(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProviderOptions.builder().param("a", 1).param("a", null).build().params()).isEmpty();
    }

    @Test
    void credentialsInUrlsAreMaskedInToString() {
        String shown = ProviderOptions.builder().proxy("http://user:s3cret@h:3128").baseUrl("https://u:pw9@h.example").build().toString();
        assertThat(shown).doesNotContain("s3cret").doesNotContain("pw9").contains("***@h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ":", "nope", "Qwen_Qwen_2_5:"})
    void modelNameHelpersCopeWithOddNames(String requested) {
        List<String> valid = List.of("qwen-2.5", "qwen-2.5-coder-7b");
        String message = ModelNames.notFoundMessage(requested, "P", valid);
        assertThat(message).startsWith("Model '" + requested + "' is not served by P.").endsWith("Valid names: qwen-2.5, qwen-2.5-coder-7b.");
    }

    @Test
    void aVeryLongModelNameIsAnsweredQuicklyWithoutASuggestion() {
        String longName = "q".repeat(200_000);
        long start = System.nanoTime();
        assertThat(ModelNames.closest(longName, List.of("qwen-2.5", "qwen-2.5-coder-7b"))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    }
}
