package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void masksTheUserInfoOfAUrlWithAScheme() {
        assertThat(Redaction.maskUserInfo("Proxy URL 'http://alice:S3cr3tPass@proxy.example' has no port"))
                .isEqualTo("Proxy URL 'http://***@proxy.example' has no port");
        assertThat(Redaction.maskUserInfo("via socks5://bob:pw@10.0.0.1:1080/x?y=z@w"))
                .isEqualTo("via socks5://***@10.0.0.1:1080/x?y=z@w");
        assertThat(Redaction.maskUserInfo("token https://TOKEN@api.example")).isEqualTo("token https://***@api.example");
    }

    @Test
    void aPasswordHoldingAnAtIsMaskedUpToTheLastAtBeforeTheHost() {
        assertThat(Redaction.maskUserInfo("Proxy URL 'http://alice:p@ss@w0rd@proxy.example:8080' has no host"))
                .isEqualTo("Proxy URL 'http://***@proxy.example:8080' has no host")
                .doesNotContain("ss", "w0rd");
    }

    @Test
    void masksAUserAndPasswordWithoutAScheme() {
        assertThat(Redaction.maskUserInfo("cannot connect to alice:S3cr3tPass@proxy.example:3128 (refused)"))
                .isEqualTo("cannot connect to ***@proxy.example:3128 (refused)");
        assertThat(Redaction.maskUserInfo("authority 'alice:p@ss@host'")).isEqualTo("authority '***@host'");
        assertThat(Redaction.maskUserInfo("proxy=alice:pw@host")).isEqualTo("proxy=***@host");
        assertThat(Redaction.maskUserInfo("[alice:pw@host]")).isEqualTo("[***@host]");
        assertThat(Redaction.maskUserInfo("http://[alice:pw@host")).isEqualTo("http://***@host");
    }

    @Test
    void leavesTextWithoutUserInfoAloneAndIsIdempotent() {
        String plain = "Unknown model 'Echo_Plugin:echo-3'; write to admin@example.com or see http://host:80/a@b";
        assertThat(Redaction.maskUserInfo(plain)).isEqualTo(plain);
        assertThat(Redaction.maskUserInfo("http://***@proxy.example")).isEqualTo("http://***@proxy.example");
        assertThat(Redaction.maskUserInfo(null)).isNull();
        String hint = "write it as scheme://[user:password@]host:port or user:password@host";
        assertThat(Redaction.maskUserInfo(hint)).isEqualTo("write it as scheme://[user:password@]host:port or ***@host");
    }
}
