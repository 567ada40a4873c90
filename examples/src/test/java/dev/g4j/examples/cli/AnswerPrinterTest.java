package dev.g4j.examples.cli;

import dev.g4j.provider.api.ResponseChunk;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerPrinterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private AnswerPrinter printer(OutputMode mode, boolean stdoutTerminal, boolean terminal) {
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new AnswerPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), new StatusLine(e, terminal), mode, stdoutTerminal);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void streamsTextAndKeepsStatusOnStderr() {
        AnswerPrinter p = printer(OutputMode.STREAM, false, false);
        p.start();
        p.accept(ResponseChunk.providerInfo("P", "m"));
        p.accept(ResponseChunk.queueStatus(2, 5, 3.2));
        p.accept(ResponseChunk.queueStatus(1, 4, 1.0));
        p.accept(ResponseChunk.text("Hel"));
        p.accept(new ResponseChunk.Notice("warning", "slow today"));
        p.accept(ResponseChunk.text("lo"));
        p.accept(ResponseChunk.finish("stop"));

        assertThat(p.finish()).isEqualTo("Hello");
        assertThat(out()).isEqualTo("Hello\n");
        // Not a terminal: the queue is reported once, not on every update.
        assertThat(err()).isEqualTo("[P (m)]\nWaiting in the remote queue: 2 requests ahead (5 waiting), about 4 s\n[warning] slow today\n");
    }

    @Test
    void onATerminalTheQueueLineIsRewrittenInPlaceAndErased() {
        AnswerPrinter p = printer(OutputMode.STREAM, true, true);
        p.start();
        p.accept(ResponseChunk.queueStatus(0, -1, null));
        p.accept(ResponseChunk.text("Hi"));
        p.finish();

        String line = "Waiting in the remote queue: next in line";
        assertThat(err()).isEqualTo("\r" + line + "\r" + " ".repeat(line.length()) + "\r");
        assertThat(out()).isEqualTo("Hi\n");
    }

    @Test
    void aReplacementThatExtendsWhatWasPrintedPrintsOnlyTheRest() {
        AnswerPrinter p = printer(OutputMode.STREAM, false, false);
        p.start();
        p.accept(ResponseChunk.text("Hello"));
        p.accept(ResponseChunk.replaced("Hello, world"));
        p.accept(ResponseChunk.text("!"));

        assertThat(p.finish()).isEqualTo("Hello, world!");
        assertThat(out()).isEqualTo("Hello, world!\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void aReplacementThatRewritesIsPrintedAgainOnAFreshLine() {
        AnswerPrinter p = printer(OutputMode.STREAM, false, false);
        p.start();
        p.accept(ResponseChunk.text("    code"));
        p.accept(ResponseChunk.replaced("code"));

        assertThat(p.finish()).isEqualTo("code");
        assertThat(out()).isEqualTo("    code\ncode\n");
        assertThat(err()).contains("rewrote its answer");
    }

    @Test
    void finalModePrintsOnlyTheFinalText() {
        AnswerPrinter p = printer(OutputMode.FINAL, false, false);
        p.start();
        p.accept(ResponseChunk.text("draft"));
        p.accept(ResponseChunk.replaced("final"));
        assertThat(out()).isEmpty();

        p.finish();
        assertThat(out()).isEqualTo("final\n");
    }

    @Test
    void jsonModeWritesEveryChunkAndTheError() {
        AnswerPrinter p = printer(OutputMode.JSON, true, false);
        p.start();
        p.accept(ResponseChunk.queueStatus(1, 2, 0.5));
        p.accept(ResponseChunk.replaced("a\"b"));
        p.error(4, new IllegalStateException("x"), "it broke");

        assertThat(out().lines()).containsExactly(
                "{\"type\":\"queue\",\"rank\":1,\"queue_size\":2,\"eta_seconds\":0.5}",
                "{\"type\":\"text_replaced\",\"text\":\"a\\\"b\"}",
                "{\"type\":\"error\",\"exit_code\":4,\"error\":\"IllegalStateException\",\"message\":\"it broke\"}");
        assertThat(p.text()).isEqualTo("a\"b");
    }

    @Test
    void reasoningAndUsageAreJsonObjectsAndReasoningGoesToStderrInTextMode() {
        AnswerPrinter json = printer(OutputMode.JSON, false, false);
        json.start();
        json.accept(ResponseChunk.reasoning("hmm"));
        json.accept(ResponseChunk.usage(3, null, 7));
        assertThat(out().lines()).containsExactly("{\"type\":\"reasoning\",\"text\":\"hmm\"}",
                "{\"type\":\"usage\",\"prompt_tokens\":3,\"completion_tokens\":null,\"total_tokens\":7}");
        assertThat(json.text()).isEmpty();

        out.reset();
        AnswerPrinter text = printer(OutputMode.STREAM, false, false);
        text.start();
        text.accept(ResponseChunk.reasoning("let me \u001b]52;c;ZXZpbA==\u0007think"));
        text.accept(ResponseChunk.reasoning("..."));
        text.accept(ResponseChunk.text("42"));
        text.accept(ResponseChunk.usage(1, 1, 2));
        text.finish();
        assertThat(out()).isEqualTo("42\n");
        assertThat(err()).isEqualTo("[thinking] let me think...\n");
    }

    @Test
    void aClosedStdoutStopsTheAnswer() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        AnswerPrinter p = new AnswerPrinter(new PrintStream(closed, false, StandardCharsets.UTF_8),
                new StatusLine(new PrintStream(err, true, StandardCharsets.UTF_8), false), OutputMode.STREAM, false);
        p.start();

        assertThatThrownBy(() -> p.accept(ResponseChunk.text("x")))
                .isInstanceOf(OutputClosedException.class);
    }

    @Test
    void abortEndsAPartialLine() {
        AnswerPrinter p = printer(OutputMode.STREAM, false, false);
        p.start();
        p.accept(ResponseChunk.text("partial"));
        p.abort();
        assertThat(out()).isEqualTo("partial\n");
    }

    @Test
    void intoAPipeTheAnswerIsWrittenExactlyAndEndsWithOneLineBreak() {
        AnswerPrinter p = printer(OutputMode.STREAM, false, false);
        p.start();
        p.accept(ResponseChunk.text("\u001b]0;t\u0007a\u009b2J"));
        p.accept(new ResponseChunk.Notice("warning", "\u001b[2Jclear\u001b]52;c;eA==\u0007ed"));
        p.finish();

        assertThat(out()).isEqualTo("\u001b]0;t\u0007a\u009b2J\n");
        assertThat(err()).isEqualTo("[warning] cleared\n");
    }

    @Test
    void anAnswerEndingWithALineBreakGetsNoSecondOne() {
        AnswerPrinter p = printer(OutputMode.STREAM, false, false);
        p.start();
        p.accept(ResponseChunk.text("line\n"));
        p.finish();

        assertThat(out()).isEqualTo("line\n");
    }

    @Test
    void onATerminalTheAnswerIsCleanedInEveryMode() {
        AnswerPrinter streamed = printer(OutputMode.STREAM, true, true);
        streamed.start();
        streamed.accept(ResponseChunk.providerInfo("P\u001b[2J", "m\u0007"));
        streamed.accept(ResponseChunk.text("red \u001b[31mtext\u001b["));
        streamed.accept(ResponseChunk.text("0m\r\n\tok"));
        assertThat(streamed.finish()).isEqualTo("red \u001b[31mtext\u001b[0m\r\n\tok");
        assertThat(out()).isEqualTo("red text0m\n\tok\n");
        assertThat(err()).isEqualTo("[P (m)]\n");

        out.reset();
        AnswerPrinter whole = printer(OutputMode.FINAL, true, true);
        whole.start();
        whole.accept(ResponseChunk.text("\u001b]52;c;ZXZpbA==\u0007final"));
        whole.finish();
        assertThat(out()).isEqualTo("final\n");
    }
}
