package dev.g4j.examples.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptReaderTest {

    /** Endless input that counts what was taken from it. */
    static final class Endless extends InputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            taken += len;
            return len;
        }
    }

    private static PromptReader reader(String text, long limit) {
        return new PromptReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, limit);
    }

    @Test
    void readsAPromptUpToExactlyTheLimit() {
        assertThat(reader("h\u00e9llo", 6).readAll()).isEqualTo("h\u00e9llo");
        assertThat(reader("", 6).readAll()).isEmpty();
    }

    @Test
    void aPromptPastTheLimitIsAUsageErrorNamingTheLimit() {
        assertThatThrownBy(() -> reader("h\u00e9llo!", 6).readAll())
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("The prompt on standard input is longer than the limit of 6 bytes;")
                .hasMessageContaining("-Dg4j.prompt.limit=");
        assertThat(Failure.of(new UsageException("x")).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void endlessInputIsReadOnlyJustPastTheLimit() {
        Endless in = new Endless();
        PromptReader r = new PromptReader(in, StandardCharsets.UTF_8, 1024 * 1024);

        assertThatThrownBy(r::readAll).isInstanceOf(UsageException.class).hasMessageContaining("limit of 1 MiB");
        assertThat(in.taken).isEqualTo(1024 * 1024 + 1);
    }

    @Test
    void chatLinesAreBoundedAndALongLineIsSkippedWhole() {
        PromptReader r = reader("first\r\n" + "x".repeat(100) + "\nthird\nlast", 10);

        assertThat(r.readLine()).isEqualTo("first");
        assertThatThrownBy(r::readLine).isInstanceOf(UsageException.class).hasMessageContaining("limit of 10 bytes");
        assertThat(r.readLine()).isEqualTo("third");
        assertThat(r.readLine()).isEqualTo("last");
        assertThat(r.readLine()).isNull();
        assertThat(r.readLine()).isNull();
    }

    @Test
    void aPromptFromTheArgumentsIsCheckedInUtf8Bytes() {
        PromptReader.check("\u00e9\u00e9\u00e9", 6);
        assertThatThrownBy(() -> PromptReader.check("\u00e9\u00e9\u00e9\u00e9", 6))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("The PROMPT is longer than the limit of 6 bytes");
        PromptReader.check(null, 1);
    }

    @Test
    void theLimitComesFromThePropertyOrIsEightMebibytes() {
        String before = System.getProperty(PromptReader.LIMIT_PROPERTY);
        try {
            System.clearProperty(PromptReader.LIMIT_PROPERTY);
            assertThat(PromptReader.limit()).isEqualTo(8L * 1024 * 1024);
            System.setProperty(PromptReader.LIMIT_PROPERTY, "4096");
            assertThat(PromptReader.limit()).isEqualTo(4096);
            System.setProperty(PromptReader.LIMIT_PROPERTY, "lots");
            assertThatThrownBy(PromptReader::limit).isInstanceOf(UsageException.class).hasMessageContaining("got 'lots'");
        } finally {
            if (before == null) {
                System.clearProperty(PromptReader.LIMIT_PROPERTY);
            } else {
                System.setProperty(PromptReader.LIMIT_PROPERTY, before);
            }
        }
        assertThat(Usage.text()).contains("at most 8 MiB", "-Dg4j.prompt.limit=BYTES");
    }
}
