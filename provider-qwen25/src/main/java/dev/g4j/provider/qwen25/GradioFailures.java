package dev.g4j.provider.qwen25;

import dev.g4j.gradio.GradioClosedException;
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

/**
 * The one place where the Gradio client's failures become the provider API's: each {@link GradioException} kind
 * maps to its {@link ProviderException} subtype, with the same message and the Gradio exception as the cause.
 */
final class GradioFailures {
    private GradioFailures() {
    }

    /**
     * Translates a Gradio failure.
     *
     * @param e the Gradio client's failure
     * @return the provider API's exception for it
     */
    static ProviderException translate(GradioException e) {
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
        } else if (e instanceof GradioClosedException) {
            return new ProviderException(m, e);
        } else {
            return new ProviderException(m, e);
        }
        out.initCause(e);
        return out;
    }
}
