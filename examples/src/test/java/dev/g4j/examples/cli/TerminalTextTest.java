package dev.g4j.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void removesWindowTitleClearScreenAndClipboardSequencesWhole() {
        assertThat(TerminalText.clean("a\u001b]0;pwned\u0007b")).isEqualTo("ab");
        assertThat(TerminalText.clean("a\u001b]0;pwned\u001b\\b")).isEqualTo("ab");
        assertThat(TerminalText.clean("a\u001b[2J\u001b[Hb\u001b[1;31mc\u001b[0m")).isEqualTo("abc");
        assertThat(TerminalText.clean("x\u001b]52;c;ZXZpbA==\u0007y")).isEqualTo("xy");
        assertThat(TerminalText.clean("x\u001bP+q\u001b\\y\u001b_apc\u009cz")).isEqualTo("xyz");
    }

    @Test
    void removesTheEightBitFormsAndEveryOtherControlButNewlineAndTab() {
        assertThat(TerminalText.clean("a\u009b2Jb\u009d0;t\u009cc")).isEqualTo("abc");
        assertThat(TerminalText.clean("a\rb\u0008c\u007fd\u0085e\u0000f\u0007g\u001bch")).isEqualTo("abcdefgh");
        assertThat(TerminalText.clean("line 1\n\tline 2\n")).isEqualTo("line 1\n\tline 2\n");
        assertThat(TerminalText.clean("caf\u00e9 \u4e2d\u6587 \ud83d\ude00")).isEqualTo("caf\u00e9 \u4e2d\u6587 \ud83d\ude00");
    }

    @Test
    void aSequenceCutInTwoOrLeftOpenCannotStartOnTheTerminal() {
        String first = TerminalText.clean("before \u001b[");
        String second = TerminalText.clean("2J after");
        String open = TerminalText.clean("x\u001b]52;c;ZXZpbA== never ended");
        for (String s : new String[] {first, second, open}) {
            assertThat(s).doesNotContain("\u001b", "\u0007", "\u009b", "\u009d");
        }
        assertThat(first + second).isEqualTo("before 2J after");
    }

    @Test
    void safeLineMasksUserInfoToo() {
        assertThat(TerminalText.safeLine("bad \u001b[31mhttp://alice:S3cr3tPass@proxy.example\u001b[0m"))
                .isEqualTo("bad http://***@proxy.example");
    }
}
