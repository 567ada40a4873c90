package dev.g4j.examples.cli;

import dev.g4j.provider.api.Redaction;
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
 * @param message a single line, without the {@code g4j:} prefix; URL user-info in it is masked
 * @param cause the error, for {@code --debug}
 */
record Failure(int exitCode, String message, Throwable cause) {

    Failure {
        message = Redaction.maskUserInfo(message);
    }

    static final String OFFLINE_HINT = "If this machine is offline or needs a proxy, use --proxy URL; --demo tries g4j with a local simulator.";
    static final String PROXY_HINT = "Check that the proxy given with --proxy is running and can reach the host; --demo tries g4j with a local simulator.";
    static final String TIMEOUT_HINT = "Use --timeout SECONDS to allow more time.";

    /** Classifies {@code error}. */
    static Failure of(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof UsageException) {
            return new Failure(ExitCode.USAGE, text(e), e);
        }
        if (e instanceof ModelNotFoundException || e instanceof ProviderNotFoundException) {
            String list = e instanceof ModelNotFoundException ? "g4j --list-models" : "g4j --list-providers";
            String m = text(e);
            return new Failure(ExitCode.UNKNOWN_MODEL, m.contains(list) ? m : m + " (see " + list + ")", e);
        }
        if (e instanceof ProviderTimeoutException t) {
            if (t.kind() == ProviderTimeoutException.Kind.CONNECT) {
                return new Failure(ExitCode.UPSTREAM, sentence(t) + " " + OFFLINE_HINT, t);
            }
            if (t.kind() == ProviderTimeoutException.Kind.TOTAL && t.limit() != null) {
                // The registry's wording gives library advice (ProviderOptions); a CLI user needs --timeout.
                return new Failure(ExitCode.TIMEOUT, "No complete answer within " + Asker.seconds(t.limit())
                        + " (the total timeout). " + TIMEOUT_HINT, t);
            }
            if (t.kind() == ProviderTimeoutException.Kind.IDLE && t.limit() != null) {
                return new Failure(ExitCode.TIMEOUT, "The provider sent nothing for " + Asker.seconds(t.limit())
                        + " (the idle timeout). " + TIMEOUT_HINT, t);
            }
            return new Failure(ExitCode.TIMEOUT, sentence(t) + " " + TIMEOUT_HINT, t);
        }
        if (e instanceof UpstreamConnectionException) {
            return new Failure(ExitCode.UPSTREAM, sentence(e) + " " + OFFLINE_HINT, e);
        }
        if (e instanceof RetryProviderException) {
            return ofRetry(e);
        }
        if (e instanceof RateLimitException) {
            return new Failure(ExitCode.UPSTREAM, sentence(e) + " Try again later, or another model.", e);
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

    /**
     * Every provider failed. With one candidate its own error says it best; with several: a timeout when all of
     * them timed out, the offline hint when none could be reached.
     */
    private static Failure ofRetry(Throwable e) {
        Throwable[] attempts = e.getSuppressed();
        if (attempts.length == 1) {
            return of(attempts[0]);
        }
        boolean allTimedOut = attempts.length > 0;
        boolean allUnreachable = attempts.length > 0;
        for (Throwable a : attempts) {
            boolean connect = a instanceof UpstreamConnectionException
                    || a instanceof ProviderTimeoutException t && t.kind() == ProviderTimeoutException.Kind.CONNECT;
            allUnreachable &= connect;
            allTimedOut &= a instanceof ProviderTimeoutException && !connect;
        }
        if (allTimedOut) {
            return new Failure(ExitCode.TIMEOUT, sentence(e) + " " + TIMEOUT_HINT, e);
        }
        return new Failure(ExitCode.UPSTREAM, allUnreachable ? sentence(e) + " " + OFFLINE_HINT : text(e), e);
    }

    /** The same failure, with advice for a user who already goes through a proxy. */
    Failure behindProxy() {
        return message.endsWith(OFFLINE_HINT)
                ? new Failure(exitCode, message.substring(0, message.length() - OFFLINE_HINT.length()) + PROXY_HINT, cause)
                : this;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The message on one line, ending with a full stop so that a hint can follow. */
    private static String sentence(Throwable e) {
        String t = text(e);
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
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
