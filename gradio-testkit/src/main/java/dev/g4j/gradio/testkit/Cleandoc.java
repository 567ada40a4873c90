package dev.g4j.gradio.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code inspect.cleandoc} (CPython 3.8–3.12), which Gradio's chatbots apply to every text.
 * Tabs are expanded to 8-column stops, the first line loses its leading whitespace, lines 2+ lose the
 * indentation they share, and empty lines at both ends are removed. Whitespace follows Python's
 * {@code str.isspace}.
 */
final class Cleandoc {

    private Cleandoc() {
    }

    static String clean(String doc) {
        String[] split = expandTabs(doc).split("\n", -1);
        List<String> lines = new ArrayList<>(List.of(split));
        int margin = Integer.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int indent = leadingWhitespace(line);
            if (indent < line.length()) {
                margin = Math.min(margin, indent);
            }
        }
        lines.set(0, lines.get(0).substring(leadingWhitespace(lines.get(0))));
        if (margin < Integer.MAX_VALUE) {
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                lines.set(i, line.substring(Math.min(margin, line.length())));
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        return String.join("\n", lines);
    }

    /** Python {@code str.expandtabs(8)}: the column restarts after {@code \n} and {@code \r}. */
    static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int column = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                int spaces = 8 - column % 8;
                out.append(" ".repeat(spaces));
                column += spaces;
            } else {
                out.appendCodePoint(cp);
                column = cp == '\n' || cp == '\r' ? 0 : column + 1;
            }
        }
        return out.toString();
    }

    /** The number of leading chars that Python's {@code str.lstrip()} would remove (all are BMP). */
    static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && isPythonSpace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Python's {@code str.isspace} for one BMP char. */
    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085' || c == '\u00A0' || c == '\u2007' || c == '\u202F'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }
}
