package dev.g4j.examples.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The standard streams of the process and whether a person is at a terminal. Output is encoded with the
 * terminal's charset on a terminal and as UTF-8 otherwise, so pipes and files get UTF-8 whatever the locale.
 *
 * @param in standard input
 * @param out standard output: the answer and nothing else
 * @param err standard error: status, prompts and errors
 * @param interactive true when standard input and output are both a terminal
 * @param stdoutTerminal true when standard output is a terminal: the answer is then cleaned of control characters;
 *     otherwise it is written exactly, ending with a line break
 * @param charset the charset of all three streams
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive, boolean stdoutTerminal,
                       Charset charset) {

    /**
     * The system property by which the launcher says whether standard output is a terminal ({@code [ -t 1 ]}):
     * {@code true} or {@code false}. Java 17 can only tell whether standard input and output both are.
     */
    public static final String STDOUT_TTY_PROPERTY = "g4j.stdout.tty";

    /**
     * The process's own streams.
     *
     * @return the streams and what they are connected to
     */
    public static Terminal system() {
        Console console = System.console();
        boolean consoleTerminal = isTerminal(console);
        String told = System.getProperty(STDOUT_TTY_PROPERTY);
        boolean stdoutTerminal = told == null || told.isBlank() ? consoleTerminal : Boolean.parseBoolean(told.strip());
        Charset charset = consoleTerminal ? console.charset() : StandardCharsets.UTF_8;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        return new Terminal(System.in, out, err, consoleTerminal && stdoutTerminal, stdoutTerminal, charset);
    }

    /**
     * From Java 22 {@link System#console()} is set even when the streams are redirected; {@code isTerminal()}
     * (looked up, as Java 17 lacks it) then tells.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
