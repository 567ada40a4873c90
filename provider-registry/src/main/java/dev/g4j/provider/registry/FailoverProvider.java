package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The provider {@link ProviderRegistry#forModel(String)} returns: a view over the candidates for one model that
 * tries them in order (see {@link FailoverRun}). It owns nothing; {@link #close()} does nothing.
 */
final class FailoverProvider implements AsyncGeneratorProvider {
    private final String boundModel;
    private final List<Candidate> candidates;
    private final Function<String, AsyncGeneratorProvider> resolver;

    FailoverProvider(String boundModel, List<Candidate> candidates, Function<String, AsyncGeneratorProvider> resolver) {
        this.boundModel = boundModel;
        this.candidates = List.copyOf(candidates);
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "RetryProvider";
    }

    @Override
    public String label() {
        return "Failover over " + candidates.stream().map(Candidate::name).collect(Collectors.joining(", "));
    }

    @Override
    public String url() {
        return candidates.isEmpty() ? "" : candidates.get(0).provider().url();
    }

    @Override
    public boolean working() {
        return candidates.stream().anyMatch(c -> c.provider().working());
    }

    @Override
    public boolean needsAuth() {
        return candidates.stream().allMatch(c -> c.provider().needsAuth());
    }

    @Override
    public boolean supportsStream() {
        return candidates.stream().anyMatch(c -> c.provider().supportsStream());
    }

    @Override
    public boolean supportsSystemMessage() {
        return candidates.stream().allMatch(c -> c.provider().supportsSystemMessage());
    }

    @Override
    public boolean supportsMessageHistory() {
        return candidates.stream().allMatch(c -> c.provider().supportsMessageHistory());
    }

    /**
     * Tries the candidates in order. {@code model} is normally the name given to {@code forModel} (or null/blank
     * for it); any other name is resolved afresh by the registry. The first candidate's request is prepared here,
     * so that a bad argument or an unknown model is thrown by this call rather than on subscription.
     */
    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        if (messages == null) {
            throw new IllegalArgumentException("Messages must not be null: pass a conversation with at least one message");
        }
        ProviderOptions opts = options == null ? ProviderOptions.defaults() : options;
        if (model != null && !model.isBlank() && !Objects.equals(model.strip(), boundModel)) {
            return resolver.apply(model).createAsyncGenerator(model, messages, opts);
        }
        String requested = boundModel == null ? "" : boundModel;
        FailoverRun.Prepared first = candidates.isEmpty() ? null : prepare(candidates.get(0), messages, opts);
        return AsyncResult.from(subscriber -> new FailoverRun(requested, candidates, messages, opts, first).start(subscriber));
    }

    private static FailoverRun.Prepared prepare(Candidate candidate, Messages messages, ProviderOptions options) {
        try {
            AsyncResult result = candidate.provider().createAsyncGenerator(candidate.model(), messages, options);
            return result == null
                    ? new FailoverRun.Prepared(null, new ProviderException(candidate.name() + ".createAsyncGenerator returned null"))
                    : new FailoverRun.Prepared(result, null);
        } catch (RuntimeException e) {
            if (!ErrorRule.retryable(e)) {
                throw e;
            }
            return new FailoverRun.Prepared(null, e);
        } catch (LinkageError e) {
            return new FailoverRun.Prepared(null, e);
        }
    }

    /** The typed parameters the first candidate honours. */
    @Override
    public Set<GenerationParameter> supportedParameters() {
        return candidates.isEmpty() ? Set.of() : candidates.get(0).provider().supportedParameters();
    }

    /** The candidates' names, in the order they are tried. */
    List<String> candidateNames() {
        return candidates.stream().map(Candidate::name).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "RetryProvider" + candidateNames();
    }
}
