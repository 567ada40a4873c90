package dev.g4j.provider.qwen25;

import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;
import dev.g4j.provider.api.ResponseChunk;

import java.util.List;

/**
 * Benchmark access to the Qwen provider's package-private text delta extraction ({@code BotReplyExtractor}), the
 * step that turns one applied Gradio message into the {@link ResponseChunk} a consumer receives. It lives in the
 * provider's package on the benchmark class path only; the provider module itself is unchanged.
 */
public final class QwenExtractorProbe {
    private final BotReplyExtractor extractor;

    /** @param chatbotOutput the position of the chatbot among the outputs (1 for the Qwen Space) */
    public QwenExtractorProbe(int chatbotOutput) {
        this.extractor = new BotReplyExtractor(chatbotOutput);
    }

    /** One applied {@code process_generating}: the chunk to emit, or null. */
    public ResponseChunk onGenerating(OutputState outputs, List<OutputChange> changes) {
        return extractor.onGenerating(outputs, changes).orElse(null);
    }

    /** A successful {@code process_completed}: the chunk to emit, or null. */
    public ResponseChunk onCompleted(OutputState outputs) {
        return extractor.onCompleted(outputs, true).orElse(null);
    }
}
