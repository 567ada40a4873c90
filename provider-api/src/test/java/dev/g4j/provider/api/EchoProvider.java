package dev.g4j.provider.api;

import java.util.List;
import java.util.Map;

/** The README's example provider: echoes the last user message word by word, in about 25 lines. */
public final class EchoProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    @Override public String name() { return "Echo"; }
    @Override public String label() { return "Echo"; }
    @Override public String url() { return "https://example.org/echo"; }
    @Override public boolean working() { return true; }
    @Override public boolean supportsStream() { return true; }
    @Override public boolean supportsSystemMessage() { return false; }
    @Override public boolean supportsMessageHistory() { return false; }
    @Override public String defaultModel() { return "echo-1"; }
    @Override public List<String> models() { return List.of("echo-1"); }
    @Override public Map<String, String> modelAliases() { return Map.of("echo", "echo-1"); }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        getModel(model);
        String prompt = messages.last(Role.USER).map(Message::content)
                .orElseThrow(() -> new IllegalArgumentException("The conversation has no user message"));
        return AsyncResult.create(sink -> {
            for (String word : prompt.split("(?<= )")) {
                if (!sink.emitText(word)) {
                    return;
                }
            }
            sink.complete();
        });
    }
}
