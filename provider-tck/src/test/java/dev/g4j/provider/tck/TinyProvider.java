package dev.g4j.provider.tck;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.Role;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A well-behaved provider written with {@link AsyncResult#create}: echoes the last user message word by word, with
 * a reasoning chunk and a {@code TextReplaced} along the way. It counts the requests it starts, as a server would.
 */
class TinyProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    final AtomicInteger started = new AtomicInteger();

    @Override public String name() { return "Tiny"; }
    @Override public String label() { return "Tiny echo"; }
    @Override public String url() { return "https://example.org/tiny"; }
    @Override public boolean working() { return true; }
    @Override public boolean supportsStream() { return true; }
    @Override public boolean supportsSystemMessage() { return false; }
    @Override public boolean supportsMessageHistory() { return false; }
    @Override public String defaultModel() { return "tiny-1"; }
    @Override public List<String> models() { return List.of("tiny-1", "tiny-2"); }
    @Override public Map<String, String> modelAliases() { return Map.of("tiny", "tiny-1"); }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        getModel(model);
        if (messages == null) {
            throw new IllegalArgumentException("Messages must not be null: pass Messages.ofUser(\"Hello\")");
        }
        String prompt = messages.last(Role.USER).map(Message::content)
                .orElseThrow(() -> new IllegalArgumentException("The conversation has no user message; add one"));
        return AsyncResult.create(sink -> {
            started.incrementAndGet();
            sink.emit(ResponseChunk.reasoning("echoing"));
            sink.emitText("draft ");
            sink.emit(ResponseChunk.replaced(""));
            for (String word : prompt.split("(?<= )")) {
                if (!sink.emitText(word)) {
                    return;
                }
            }
            sink.emit(ResponseChunk.usage(1, 2, 3));
            sink.complete();
        });
    }
}
