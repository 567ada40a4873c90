package dev.g4j.gradio.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleandocTest {

    @Test
    void stripsTrailingNewlineAndSharedIndentation() {
        assertThat(Cleandoc.clean("Hello\n")).isEqualTo("Hello");
        assertThat(Cleandoc.clean("Here:\n    x = 1")).isEqualTo("Here:\nx = 1");
        assertThat(Cleandoc.clean("Here:\n    x = 1\n      y = 2")).isEqualTo("Here:\nx = 1\n  y = 2");
    }

    @Test
    void firstLineLosesLeadingWhitespaceOnly() {
        assertThat(Cleandoc.clean("   Hi  ")).isEqualTo("Hi  ");
        assertThat(Cleandoc.clean("  a\n    b\n  c")).isEqualTo("a\n  b\nc");
    }

    @Test
    void removesEmptyLinesAtBothEndsButKeepsWhitespaceOnlyLastLine() {
        assertThat(Cleandoc.clean("\n\nHello\n\n")).isEqualTo("Hello");
        // margin is computed from lines with content only; "   " has none, so it is not emptied
        assertThat(Cleandoc.clean("Hello\n   ")).isEqualTo("Hello\n   ");
        // with a margin, whitespace-only lines are cut to nothing and then dropped at the end
        assertThat(Cleandoc.clean("a\n  b\n  ")).isEqualTo("a\nb");
        assertThat(Cleandoc.clean("")).isEmpty();
        assertThat(Cleandoc.clean("\n \n")).isEqualTo(" ");
    }

    @Test
    void blankMiddleLinesDoNotCountForTheMargin() {
        assertThat(Cleandoc.clean("x\n    a\n\n    b")).isEqualTo("x\na\n\nb");
    }

    @Test
    void expandsTabsToEightColumnStops() {
        assertThat(Cleandoc.clean("x\n\ta\n\t\tb")).isEqualTo("x\na\n        b");
        assertThat(Cleandoc.expandTabs("ab\tc\n\td")).isEqualTo("ab      c\n        d");
        assertThat(Cleandoc.expandTabs("ab\r\tc")).isEqualTo("ab\r        c");
    }

    @Test
    void usesPythonWhitespace() {
        assertThat(Cleandoc.clean("\u00a0\u2003Hi")).isEqualTo("Hi");
        assertThat(Cleandoc.clean("a\n\u00a0\u00a0b")).isEqualTo("a\nb");
    }

    @Test
    void keepsCarriageReturnsInsideLines() {
        assertThat(Cleandoc.clean("a\r\n  b\r\n  c")).isEqualTo("a\r\nb\r\nc");
    }
}
