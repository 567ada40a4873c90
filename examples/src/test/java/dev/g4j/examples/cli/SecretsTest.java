package dev.g4j.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    @Test
    void masksTheUserInfoOfAUrlWithAScheme() {
        assertThat(Secrets.mask("Proxy URL 'http://alice:S3cr3tPass@proxy.example' has no port"))
                .isEqualTo("Proxy URL 'http://***@proxy.example' has no port");
        assertThat(Secrets.mask("via socks5://bob:pw@10.0.0.1:1080/x?y=z@w"))
                .isEqualTo("via socks5://***@10.0.0.1:1080/x?y=z@w");
        assertThat(Secrets.mask("token https://TOKEN@api.example")).isEqualTo("token https://***@api.example");
    }

    @Test
    void aPasswordHoldingAnAtIsMaskedUpToTheLastAtBeforeTheHost() {
        assertThat(Secrets.mask("Proxy URL 'http://alice:p@ss@w0rd@proxy.example:8080' has no host"))
                .isEqualTo("Proxy URL 'http://***@proxy.example:8080' has no host")
                .doesNotContain("ss", "w0rd");
    }

    @Test
    void masksAUserAndPasswordWithoutAScheme() {
        assertThat(Secrets.mask("cannot connect to alice:S3cr3tPass@proxy.example:3128 (refused)"))
                .isEqualTo("cannot connect to ***@proxy.example:3128 (refused)");
        assertThat(Secrets.mask("authority 'alice:p@ss@host'")).isEqualTo("authority '***@host'");
        assertThat(Secrets.mask("proxy=alice:pw@host")).isEqualTo("proxy=***@host");
        assertThat(Secrets.mask("[alice:pw@host]")).isEqualTo("[***@host]");
        assertThat(Secrets.mask("http://[alice:pw@host")).isEqualTo("http://***@host");
    }

    @Test
    void leavesTextWithoutUserInfoAloneAndIsIdempotent() {
        String plain = "Unknown model 'Echo_Plugin:echo-3'; write to admin@example.com or see http://host:80/a@b";
        assertThat(Secrets.mask(plain)).isEqualTo(plain);
        assertThat(Secrets.mask("http://***@proxy.example")).isEqualTo("http://***@proxy.example");
        assertThat(Secrets.mask(null)).isNull();
        String hint = "write it as scheme://[user:password@]host:port or user:password@host";
        assertThat(Secrets.mask(hint)).isEqualTo("write it as scheme://[user:password@]host:port or ***@host");
    }
}
