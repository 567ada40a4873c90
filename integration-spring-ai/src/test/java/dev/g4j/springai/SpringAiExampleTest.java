package dev.g4j.springai;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's example working. */
class SpringAiExampleTest {

    @Test
    void theExampleRunsAgainstItsOwnSimulator() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SpringAiExample.run(null, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("answer: You said: What is g4j?")
                .contains("stream: You said: Say hello");
    }
}
