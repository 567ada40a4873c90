package dev.g4j.examples.cli;

import dev.g4j.provider.api.ResponseChunk;

import java.io.PrintStream;

/**
 * Writes one answer to standard output in the chosen {@link OutputMode}, and everything else to the
 * {@link StatusLine}.
 *
 * <p>A {@link ResponseChunk.TextReplaced} cannot be redrawn on a stream. When the new text starts with what is
 * already printed, only the rest is printed, so the output stays exactly the final text. Otherwise a note goes to
 * standard error and the whole new text is printed again on a fresh line; scripts that need the exact final text
 * whatever happens use {@code --no-stream} or {@code --json}.
 *
 * <p>On a terminal the answer is cleaned of escape sequences and control characters ({@link TerminalText}), as a
 * server must not drive the user's terminal. Elsewhere it is written exactly as received, for scripts. Either way
 * the output ends with a line break: one is added when the answer does not end with one.
 */
final class AnswerPrinter {
    private final PrintStream out;
    private final StatusLine status;
    private final OutputMode mode;
    private final boolean terminal;
    /** The answer as it stands: deltas appended, replacements applied. */
    private final StringBuilder text = new StringBuilder();
    /** What this answer has put on standard output in STREAM mode. */
    private final StringBuilder printed = new StringBuilder();

    /**
     * @param terminal true when standard output is a terminal: the answer is then cleaned before it is printed
     */
    AnswerPrinter(PrintStream out, StatusLine status, OutputMode mode, boolean terminal) {
        this.out = out;
        this.status = status;
        this.mode = mode;
        this.terminal = terminal;
    }

    /** Forgets the previous answer. */
    void start() {
        text.setLength(0);
        printed.setLength(0);
        status.reset();
    }

    void accept(ResponseChunk chunk) {
        if (mode == OutputMode.JSON) {
            out.println(json(chunk));
            out.flush();
            checkOutput();
            if (chunk instanceof ResponseChunk.QueueStatus q) {
                status.queue(q);
            } else {
                status.clear();
            }
            apply(chunk);
            return;
        }
        if (chunk instanceof ResponseChunk.Text t) {
            status.answerStarts();
            text.append(t.text());
            if (mode == OutputMode.STREAM) {
                print(t.text());
            }
        } else if (chunk instanceof ResponseChunk.TextReplaced r) {
            status.answerStarts();
            text.setLength(0);
            text.append(r.text());
            if (mode == OutputMode.STREAM) {
                replace(r.text());
            }
        } else if (chunk instanceof ResponseChunk.QueueStatus q) {
            status.queue(q);
        } else if (chunk instanceof ResponseChunk.ProviderInfo p) {
            status.provider(p);
        } else if (chunk instanceof ResponseChunk.Notice n) {
            status.notice(n);
        } else if (chunk instanceof ResponseChunk.Reasoning r && mode == OutputMode.STREAM) {
            status.reasoning(r);
        }
    }

    /** The answer is complete: prints it in FINAL mode, ends the line if wanted, and returns the final text. */
    String finish() {
        status.answerStarts();
        if (mode == OutputMode.FINAL) {
            write(text.toString());
            printed.append(text);
        }
        endLine();
        out.flush();
        return text.toString();
    }

    /** The answer failed or was cancelled: ends the partial line so that the error starts on its own line. */
    void abort() {
        status.clear();
        if (mode == OutputMode.STREAM && printed.length() > 0 && printed.charAt(printed.length() - 1) != '\n') {
            out.println();
        }
        out.flush();
    }

    /** In JSON mode, the error as the last object; the same error also goes to standard error as text. */
    void error(int exitCode, Throwable error, String message) {
        if (mode == OutputMode.JSON) {
            out.println(Json.object().put("type", "error").put("exit_code", exitCode)
                    .put("error", error == null ? null : error.getClass().getSimpleName()).put("message", message));
            out.flush();
        }
    }

    /** The answer so far, with replacements applied. */
    String text() {
        return text.toString();
    }

    private static Double count(Integer tokens) {
        return tokens == null ? null : tokens.doubleValue();
    }

    private void apply(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text t) {
            text.append(t.text());
        } else if (chunk instanceof ResponseChunk.TextReplaced r) {
            text.setLength(0);
            text.append(r.text());
        }
    }

    private void replace(String full) {
        if (full.startsWith(printed.toString())) {
            print(full.substring(printed.length()));
            return;
        }
        status.line("[g4j: the provider rewrote its answer; printing it again in full]");
        if (printed.length() > 0 && printed.charAt(printed.length() - 1) != '\n') {
            out.println();
        }
        printed.setLength(0);
        print(full);
    }

    private void print(String s) {
        if (!s.isEmpty()) {
            write(s);
            out.flush();
            printed.append(s);
            checkOutput();
        }
    }

    private void write(String s) {
        out.print(terminal ? TerminalText.clean(s) : s);
    }

    /** PrintStream hides write errors; a closed pipe must still stop the request rather than run on unread. */
    private void checkOutput() {
        if (out.checkError()) {
            throw new OutputClosedException();
        }
    }

    private void endLine() {
        if (mode != OutputMode.JSON && printed.length() > 0 && printed.charAt(printed.length() - 1) != '\n') {
            out.println();
        }
    }

    /** One chunk as a JSON object; the field names are part of the command's interface. */
    static String json(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text t) {
            return Json.object().put("type", "text").put("text", t.text()).toString();
        } else if (chunk instanceof ResponseChunk.TextReplaced r) {
            return Json.object().put("type", "text_replaced").put("text", r.text()).toString();
        } else if (chunk instanceof ResponseChunk.ProviderInfo p) {
            return Json.object().put("type", "provider").put("provider", p.provider()).put("model", p.model()).toString();
        } else if (chunk instanceof ResponseChunk.QueueStatus q) {
            return Json.object().put("type", "queue").put("rank", q.rank()).put("queue_size", q.queueSize())
                    .put("eta_seconds", q.etaSeconds()).toString();
        } else if (chunk instanceof ResponseChunk.Notice n) {
            return Json.object().put("type", "notice").put("level", n.level()).put("message", n.message()).toString();
        } else if (chunk instanceof ResponseChunk.Reasoning r) {
            return Json.object().put("type", "reasoning").put("text", r.text()).toString();
        } else if (chunk instanceof ResponseChunk.Usage u) {
            return Json.object().put("type", "usage").put("prompt_tokens", count(u.promptTokens()))
                    .put("completion_tokens", count(u.completionTokens()))
                    .put("total_tokens", count(u.totalTokens())).toString();
        } else if (chunk instanceof ResponseChunk.Finish f) {
            return Json.object().put("type", "finish").put("reason", f.reason()).toString();
        }
        throw new IllegalArgumentException("Unknown chunk type " + chunk.getClass().getName());
    }
}
