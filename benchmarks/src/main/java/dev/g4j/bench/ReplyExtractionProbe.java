package dev.g4j.bench;

import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.internal.ReplyTracker;

import java.util.ArrayList;
import java.util.List;

/**
 * The Gradio chat layer's reply extraction (the step that turns one applied Gradio message into the chunks a
 * consumer receives), for the decode benchmarks. The benchmarks run on the class path, where the provider module's
 * unexported package is readable; no provider code is copied and no package is split.
 */
final class ReplyExtractionProbe {
    private final ReplyTracker tracker;
    private final List<ResponseChunk> out = new ArrayList<>(4);

    /** @param chatbotOutput the position of the chatbot among the outputs (1 for the Qwen Space) */
    ReplyExtractionProbe(int chatbotOutput) {
        this.tracker = new ReplyTracker(ChatFormat.MGR, chatbotOutput);
    }

    /** One applied {@code process_generating}: the last chunk to emit, or null. */
    ResponseChunk onGenerating(OutputState outputs, List<OutputChange> changes) {
        out.clear();
        tracker.onGenerating(outputs, changes, out);
        return out.isEmpty() ? null : out.get(out.size() - 1);
    }

    /** A successful {@code process_completed}: the last chunk to emit, or null. */
    ResponseChunk onCompleted(OutputState outputs) {
        out.clear();
        tracker.onCompleted(outputs, out);
        return out.isEmpty() ? null : out.get(out.size() - 1);
    }
}
