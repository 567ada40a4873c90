package dev.g4j.examples.cli;

/** The exit codes of the {@code g4j} command, as documented in its usage text. */
public final class ExitCode {
    /** The answer (or listing) was printed. */
    public static final int OK = 0;
    /** A bug in g4j itself; run again with {@code --debug} and report the stack trace. */
    public static final int INTERNAL_ERROR = 1;
    /** The command line was wrong: unknown option, missing value, no prompt. */
    public static final int USAGE = 2;
    /** No such model or provider. */
    public static final int UNKNOWN_MODEL = 3;
    /** The upstream could not be reached or failed to answer. */
    public static final int UPSTREAM = 4;
    /** The answer did not complete in time. */
    public static final int TIMEOUT = 5;
    /** Ctrl-C (SIGINT) cancelled the answer. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
