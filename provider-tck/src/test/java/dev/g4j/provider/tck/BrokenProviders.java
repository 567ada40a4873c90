package dev.g4j.provider.tck;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.tck.ScriptedResult.Breach;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Providers that each break one rule of the contract, and their contract tests. They are nested (not picked up by
 * Surefire) and run only through the EngineTestKit in {@link ProviderContractSelfTest}.
 */
final class BrokenProviders {
    static final List<ResponseChunk> ANSWER = List.of(ResponseChunk.providerInfo("Scripted", "scripted-1"),
            ResponseChunk.text("one"), ResponseChunk.text(" two"), ResponseChunk.text(" three"), ResponseChunk.finish("stop"));

    private BrokenProviders() {
    }

    /** A provider whose answer and model list are set per test; it counts the requests its results start. */
    static class ScriptedProvider implements AsyncGeneratorProvider, ProviderModelMixin {
        final AtomicInteger started = new AtomicInteger();
        private final List<ResponseChunk> chunks;
        private final Breach breach;

        ScriptedProvider(List<ResponseChunk> chunks, Breach breach) {
            this.chunks = chunks;
            this.breach = breach;
        }

        @Override public String name() { return "Scripted"; }
        @Override public String label() { return "Scripted"; }
        @Override public String url() { return "https://example.org/scripted"; }
        @Override public boolean working() { return true; }
        @Override public boolean supportsStream() { return true; }
        @Override public boolean supportsSystemMessage() { return true; }
        @Override public boolean supportsMessageHistory() { return true; }
        @Override public String defaultModel() { return "scripted-1"; }
        @Override public List<String> models() { return List.of("scripted-1"); }
        @Override public Map<String, String> modelAliases() { return Map.of(); }

        @Override
        public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
            getModel(model);
            if (messages == null) {
                throw new IllegalArgumentException("Messages must not be null");
            }
            ScriptedResult result = new ScriptedResult(chunks, breach);
            return subscriber -> {
                started.incrementAndGet();
                result.subscribe(subscriber);
            };
        }
    }

    /** The base of the broken providers' contract tests. */
    abstract static class ScriptedContract extends ProviderContract {
        ScriptedProvider scripted;

        abstract ScriptedProvider scripted();

        @Override
        protected AsyncGeneratorProvider createProvider() {
            scripted = scripted();
            return scripted;
        }

        @Override
        protected long upstreamRequests() {
            return scripted.started.get();
        }

        /** The scripted results emit synchronously: a breach shows at once. */
        @Override
        protected Duration quietPeriod() {
            return Duration.ofMillis(20);
        }
    }

    /** Follows every rule: the control group. */
    static class WellBehaved extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.NONE);
        }
    }

    /** Emits everything on the first {@code request(1)}. */
    static class IgnoresDemand extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.IGNORES_DEMAND);
        }
    }

    /** Goes on emitting when more is requested after {@code cancel()}. */
    static class EmitsAfterCancel extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.IGNORES_CANCEL);
        }
    }

    /** Ends with two {@code Finish} chunks. */
    static class FinishTwice extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(List.of(ResponseChunk.text("one"), ResponseChunk.finish("stop"),
                    ResponseChunk.finish("stop")), Breach.NONE);
        }
    }

    /** Emits text after its {@code Finish}. */
    static class TextAfterFinish extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(List.of(ResponseChunk.text("one"), ResponseChunk.finish("stop"),
                    ResponseChunk.text(" more")), Breach.NONE);
        }
    }

    /** Calls {@code onComplete} twice. */
    static class CompletesTwice extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.COMPLETES_TWICE);
        }
    }

    /** Lets a second subscriber replay the answer. */
    static class Reusable extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.REUSABLE) {
                @Override
                public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
                    getModel(model);
                    if (messages == null) {
                        throw new IllegalArgumentException("Messages must not be null");
                    }
                    return new ScriptedResult(ANSWER, Breach.REUSABLE);
                }
            };
        }
    }

    /** Sends its request when the result is created, not when it is subscribed to. */
    static class Hot extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.NONE) {
                @Override
                public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
                    started.incrementAndGet();
                    return new ScriptedResult(ANSWER, Breach.NONE);
                }
            };
        }
    }

    /** Contacts its server to answer {@code models()}. */
    static class ModelsOverTheWire extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.NONE) {
                @Override
                public List<String> models() {
                    started.incrementAndGet();
                    return super.models();
                }
            };
        }
    }

    /** Lists a default model that is not among its models, and an alias to nowhere. */
    static class Inconsistent extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.NONE) {
                @Override
                public String defaultModel() {
                    return "unlisted";
                }
            };
        }
    }

    /** Fails an unserved model with an untyped exception instead of {@code ModelNotFoundException}. */
    static class UntypedModelError extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.NONE) {
                @Override
                public String getModel(String requested) {
                    if (requested != null && !models().contains(requested)) {
                        throw new IllegalStateException("no such model");
                    }
                    return defaultModel();
                }
            };
        }
    }

    /** Overrides {@code text()} with something other than the folded deltas. */
    static class WrongText extends ScriptedContract {
        @Override
        ScriptedProvider scripted() {
            return new ScriptedProvider(ANSWER, Breach.NONE) {
                @Override
                public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
                    AsyncResult inner = super.createAsyncGenerator(model, messages, options);
                    return new AsyncResult() {
                        @Override
                        public void subscribe(java.util.concurrent.Flow.Subscriber<? super ResponseChunk> subscriber) {
                            inner.subscribe(subscriber);
                        }

                        @Override
                        public CompletableFuture<String> text() {
                            return CompletableFuture.completedFuture("one two");
                        }
                    };
                }
            };
        }
    }
}
