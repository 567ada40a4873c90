package dev.g4j.examples.cli;

import dev.g4j.provider.api.Redaction;
import java.util.regex.Pattern;

/**
 * Makes text from a server safe to show on a terminal: escape sequences (colours, clear screen, window title,
 * OSC 52 clipboard writes, ...) are removed whole, then every remaining control character but newline and tab.
 * Without ESC, BEL and the C1 controls no sequence can start or end, so a sequence cut across two chunks cannot
 * survive either: its remains print as plain characters.
 */
final class TerminalText {
    private static final Pattern SEQUENCES = Pattern.compile(
            // OSC, DCS, SOS, PM and APC strings, ended by BEL or ST, in their 7-bit and 8-bit forms.
            "(?:\u001B[\\]PX^_]|[\u009D\u0090\u0098\u009E\u009F]).*?(?:\u0007|\u001B\\\\|\u009C)"
                    // CSI: parameters, intermediates, final byte.
                    + "|(?:\u001B\\[|\u009B)[0-?]*[ -/]*[@-~]"
                    // Any other escape: ESC and the character after it.
                    + "|\u001B[ -~]?",
            Pattern.DOTALL);
    private static final Pattern CONTROLS = Pattern.compile("[\u0000-\u0008\u000B-\u001F\u007F-\u009F]");

    private TerminalText() {
    }

    /** {@code text} without escape sequences and control characters other than {@code \n} and {@code \t}. */
    static String clean(String text) {
        if (text == null || !hasControl(text)) {
            return text;
        }
        return CONTROLS.matcher(SEQUENCES.matcher(text).replaceAll("")).replaceAll("");
    }

    /** A line for standard error: user-info masked, then cleaned. */
    static String safeLine(String text) {
        return clean(Redaction.maskUserInfo(text));
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F) {
                return true;
            }
        }
        return false;
    }
}
