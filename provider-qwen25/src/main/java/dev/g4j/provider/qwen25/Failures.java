package dev.g4j.provider.qwen25;

import dev.g4j.gradio.GradioException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.RemoteProcessException;

import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns whatever a request failed with into the exception the consumer receives. */
final class Failures {
    private Failures() {
    }

    /** The failure inside future wrappers; a Gradio client failure becomes its provider API exception. */
    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur instanceof GradioException g ? GradioFailures.translate(g) : cur;
    }

    static RuntimeException asUnchecked(Throwable t) {
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }

    /**
     * Provider exceptions and argument errors as they are, except that a {@link RemoteProcessException} (the Space
     * failed while answering) keeps the Gradio client's message, which carries the server's own message when there
     * is one, and adds what usually causes it and what to try; anything else is wrapped in a
     * {@link ProviderException}.
     */
    static Throwable map(Throwable t, URI baseUrl, Qwen25Model model) {
        Throwable cause = unwrap(t);
        if (cause instanceof RemoteProcessException remote) {
            return new RemoteProcessException("Qwen 2.5 (" + model.modelName() + ") could not answer: " + remote.getMessage()
                    + ". The Space relays DashScope failures (overload, rate limit, a conversation too long for the model,"
                    + " content filtering); retry later, shorten the conversation or pick another model", remote);
        }
        if (cause instanceof ProviderException || cause instanceof IllegalArgumentException || cause instanceof Error) {
            return cause;
        }
        return new ProviderException("Qwen 2.5 request to " + baseUrl.getHost() + " failed unexpectedly: " + cause, cause);
    }
}
