package dev.g4j.provider.gradiochat.internal;

import dev.g4j.gradio.GradioConnectionException;
import dev.g4j.gradio.GradioException;
import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.GradioRateLimitException;
import dev.g4j.gradio.GradioRemoteException;
import dev.g4j.gradio.GradioStatusException;
import dev.g4j.gradio.GradioTimeoutException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where the Gradio client's failures become the provider API's: each {@link GradioException} kind
 * maps to its {@link ProviderException} subtype, with the same message and the Gradio exception as the cause; a
 * failure of the app itself gets advice on what to try.
 */
public final class GradioFailures {
    private GradioFailures() {
    }

    /**
     * Translates a Gradio failure.
     *
     * @param e the Gradio client's failure
     * @return the provider API's exception for it
     */
    public static ProviderException translate(GradioException e) {
        String m = e.getMessage();
        ProviderException out;
        if (e instanceof GradioRateLimitException r) {
            out = new RateLimitException(r.status(), r.bodyExcerpt(), m);
        } else if (e instanceof GradioStatusException s) {
            out = new ResponseStatusException(s.status(), s.bodyExcerpt(), m);
        } else if (e instanceof GradioTimeoutException t) {
            out = new ProviderTimeoutException(switch (t.kind()) {
                case CONNECT -> ProviderTimeoutException.Kind.CONNECT;
                case IDLE -> ProviderTimeoutException.Kind.IDLE;
                case TOTAL -> ProviderTimeoutException.Kind.TOTAL;
            }, t.limit(), m);
        } else if (e instanceof GradioProtocolException) {
            return new UpstreamProtocolException(m, e);
        } else if (e instanceof GradioRemoteException) {
            return new RemoteProcessException(m, e);
        } else if (e instanceof GradioConnectionException) {
            return new UpstreamConnectionException(m, e);
        } else {
            return new ProviderException(m, e);
        }
        out.initCause(e);
        return out;
    }

    /**
     * The failure inside future wrappers; a Gradio client failure becomes its provider API exception.
     *
     * @param t a failure
     * @return the failure to report
     */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur instanceof GradioException g ? translate(g) : cur;
    }

    /**
     * What the consumer receives: provider exceptions and argument errors as they are, except that a
     * {@link RemoteProcessException} (the app failed while answering) keeps the server's message and adds what
     * usually causes it and what to try; anything else is wrapped in a {@link ProviderException}.
     *
     * @param t     the failure
     * @param app   the app, for messages (a host, never a URL with credentials)
     * @param label the provider's label
     * @param model the model asked for, or null
     * @return the failure to report
     */
    public static Throwable map(Throwable t, String app, String label, String model) {
        Throwable cause = unwrap(t);
        if (cause instanceof RemoteProcessException remote) {
            return new RemoteProcessException(label + (model == null || model.isEmpty() ? "" : " (" + model + ")")
                    + " could not answer: " + remote.getMessage() + ". The app relays its backend's failures (overload,"
                    + " rate limit, a conversation too long for the model, content filtering); retry later, shorten the"
                    + " conversation or pick another model", remote);
        }
        if (cause instanceof ProviderException || cause instanceof IllegalArgumentException || cause instanceof Error) {
            return cause;
        }
        return new ProviderException(label + " request to " + app + " failed unexpectedly: " + cause, cause);
    }

    /**
     * Rethrows a checked failure unchecked.
     *
     * @param t the failure
     * @return an unchecked exception to throw
     */
    public static RuntimeException asUnchecked(Throwable t) {
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }
}
