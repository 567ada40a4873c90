package dev.g4j.examples.cli;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.UpstreamConnectionException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An error as the user sees it: one line that says what happened and what to do, and the exit code.
 *
 * @param exitCode one of {@link ExitCode}
 * @param message a single line, without the {@code g4j:} prefix
 * @param cause the error, for {@code --debug}
 */
record Failure(int exitCode, String message, Throwable cause) {

    static final String OFFLINE_HINT = "Check the network connection, or use --proxy URL, or try --demo for a local simulator.";

    /** Classifies {@code error}. */
    static Failure of(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof UsageException) {
            return new Failure(ExitCode.USAGE, text(e), e);
        }
        if (e instanceof ModelNotFoundException || e instanceof ProviderNotFoundException) {
            String hint = e instanceof ModelNotFoundException ? " (see g4j --list-models)" : " (see g4j --list-providers)";
            return new Failure(ExitCode.UNKNOWN_MODEL, text(e) + hint, e);
        }
        if (e instanceof ProviderTimeoutException t) {
            if (t.kind() == ProviderTimeoutException.Kind.CONNECT) {
                return new Failure(ExitCode.UPSTREAM, text(t) + " " + OFFLINE_HINT, t);
            }
            return new Failure(ExitCode.TIMEOUT, text(t) + " Use --timeout SECONDS to allow more time.", t);
        }
        if (e instanceof UpstreamConnectionException) {
            return new Failure(ExitCode.UPSTREAM, text(e) + " " + OFFLINE_HINT, e);
        }
        if (e instanceof RetryProviderException) {
            return ofRetry(e);
        }
        if (e instanceof RateLimitException) {
            return new Failure(ExitCode.UPSTREAM, text(e) + " Try again later, or another model.", e);
        }
        if (e instanceof ProviderException) {
            return new Failure(ExitCode.UPSTREAM, text(e), e);
        }
        if (e instanceof CancellationException) {
            return new Failure(ExitCode.INTERRUPTED, "Cancelled.", e);
        }
        if (e instanceof IllegalArgumentException) {
            return new Failure(ExitCode.USAGE, text(e), e);
        }
        return new Failure(ExitCode.INTERNAL_ERROR, "Unexpected error: " + e.getClass().getName() + ": " + text(e)
                + " (run again with --debug for the stack trace, and please report it)", e);
    }

    /** Every provider failed: a timeout when all of them timed out, the offline hint when none could be reached. */
    private static Failure ofRetry(Throwable e) {
        Throwable[] attempts = e.getSuppressed();
        boolean allTimedOut = attempts.length > 0;
        boolean allUnreachable = attempts.length > 0;
        for (Throwable a : attempts) {
            boolean connect = a instanceof UpstreamConnectionException
                    || a instanceof ProviderTimeoutException t && t.kind() == ProviderTimeoutException.Kind.CONNECT;
            allUnreachable &= connect;
            allTimedOut &= a instanceof ProviderTimeoutException && !connect;
        }
        if (allTimedOut) {
            return new Failure(ExitCode.TIMEOUT, text(e) + " Use --timeout SECONDS to allow more time.", e);
        }
        if (allUnreachable && attempts.length == 1) {
            return new Failure(ExitCode.UPSTREAM, text(attempts[0]) + " " + OFFLINE_HINT, e);
        }
        return new Failure(ExitCode.UPSTREAM, text(e) + (allUnreachable ? " " + OFFLINE_HINT : ""), e);
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The message on one line; the class name when there is none. */
    private static String text(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
