package dev.g4j.langchain4j;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's example working. */
class LangChain4jExampleTest {

    @Test
    void theExampleRunsAgainstItsOwnSimulator() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LangChain4jExample.run(null, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("answer: You said: What is g4j?").contains("stream: You said: Say hello")
                .contains("model: Qwen_Qwen_2_5:").contains("finish: STOP");
    }
}
