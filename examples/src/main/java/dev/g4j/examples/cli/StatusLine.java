package dev.g4j.examples.cli;

import dev.g4j.provider.api.Redaction;
import dev.g4j.provider.api.ResponseChunk;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Writes what is not the answer to standard error: who answers, the position in a remote queue, notices. On a
 * terminal the queue position is one line rewritten in place with {@code \r} and erased when the answer starts;
 * elsewhere it is written once, so logs do not fill with it.
 *
 * <p>Every line is cleaned of escape sequences and control characters, and URL user-info in it is masked: notices
 * and provider names come from servers and plugins.
 */
final class StatusLine {
    private final PrintStream err;
    private final boolean inPlace;
    private int shownWidth;
    private boolean queueReported;
    private String lastProvider;
    private String pendingProvider;
    private boolean thinking;

    StatusLine(PrintStream err, boolean inPlace) {
        this.err = err;
        this.inPlace = inPlace;
    }

    /** Call when a new answer starts. */
    void reset() {
        queueReported = false;
        pendingProvider = null;
    }

    /**
     * Notes who answers. The line is written only once something else arrives (queue, notice, text), so a
     * request that fails at once leaves the error as the only line.
     */
    void provider(ResponseChunk.ProviderInfo info) {
        String who = info.provider() + " (" + info.model() + ")";
        // In a chat every answer comes from the same provider as a rule; say it again only when it changes.
        pendingProvider = who.equals(lastProvider) ? null : who;
    }

    /** The answer text starts: shows who answers, if not yet shown, and erases the queue line. */
    void answerStarts() {
        endThinking();
        clear();
        showProvider();
    }

    void queue(ResponseChunk.QueueStatus q) {
        StringBuilder sb = new StringBuilder("Waiting in the remote queue: ");
        if (q.rank() <= 0) {
            sb.append("next in line");
        } else {
            sb.append(q.rank()).append(q.rank() == 1 ? " request" : " requests").append(" ahead");
        }
        if (q.queueSize() >= 0) {
            sb.append(" (").append(q.queueSize()).append(" waiting)");
        }
        if (q.etaSeconds() != null && q.etaSeconds() >= 0) {
            sb.append(", about ").append(String.format(Locale.ROOT, "%.0f", Math.ceil(q.etaSeconds()))).append(" s");
        }
        String text = sb.toString();
        showProvider();
        if (inPlace) {
            err.print("\r" + text + " ".repeat(Math.max(0, shownWidth - text.length())));
            err.flush();
            shownWidth = text.length();
        } else if (!queueReported) {
            err.println(text);
        }
        queueReported = true;
    }

    void notice(ResponseChunk.Notice n) {
        line("[" + n.level() + "] " + n.message());
    }

    /**
     * A piece of the model's reasoning: streamed to standard error, cleaned, after a {@code [thinking]} header; the
     * answer that follows starts on a fresh line.
     */
    void reasoning(ResponseChunk.Reasoning r) {
        if (!thinking) {
            clear();
            showProvider();
            err.print("[thinking] ");
            thinking = true;
        }
        err.print(TerminalText.clean(Redaction.maskUserInfo(r.text())));
        err.flush();
    }

    /** Ends the reasoning block, if one is open, with a line break. */
    private void endThinking() {
        if (thinking) {
            thinking = false;
            err.println();
            err.flush();
        }
    }

    /** A line of its own on standard error, after erasing the queue line if one is shown. */
    void line(String text) {
        endThinking();
        clear();
        showProvider();
        err.println(TerminalText.safeLine(text));
    }

    private void showProvider() {
        if (pendingProvider != null) {
            String who = pendingProvider;
            pendingProvider = null;
            lastProvider = who;
            clear();
            err.println(TerminalText.safeLine("[" + who + "]"));
        }
    }

    /** Erases the queue line, if one is shown. */
    void clear() {
        if (shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }
}
