package dev.g4j.examples.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Command lines the CLI refuses before it starts anything, run in this JVM. */
class G4jUsageErrorTest {

    /** The four ways the proxy validation used to echo the password; no port, bad scheme, bad port, an @ in it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "http://alice:S3cr3tPass@proxy.example",
            "ftp://alice:S3cr3tPass@proxy.example:21",
            "http://alice:S3cr3tPass@proxy.example:99999",
            "http://alice:S3cr3t@Pass@proxy.example:3128",
            "alice:S3cr3tPass@proxy.example:3128"})
    void aProxyPasswordNeverReachesTheOutput(String proxy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal term = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, StandardCharsets.UTF_8);

        int code = new G4j(term).run("--proxy", proxy, "hello");

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isEqualTo(ExitCode.USAGE);
        assertThat(stderr).startsWith("g4j: ").contains("proxy.example", "***@")
                .doesNotContain("S3cr3t", "Pass@");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--prox=http://alice:S3cr3tPass@h:1", "--base-url=ftp://alice:S3cr3tPass@h:1"})
    void otherEchoesOfACommandLineAreMaskedToo(String arg) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal term = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, StandardCharsets.UTF_8);

        assertThat(new G4j(term).run(arg, "hi")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("***@h:1").doesNotContain("S3cr3t");
    }
}
