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
 * @param interactive true when standard input and output are both a terminal ({@link System#console()} is set)
 * @param charset the charset of all three streams
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive, Charset charset) {

    /** The process's own streams. */
    public static Terminal system() {
        Console console = System.console();
        Charset charset = console != null ? console.charset() : StandardCharsets.UTF_8;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        return new Terminal(System.in, out, err, console != null, charset);
    }
}
