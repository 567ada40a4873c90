package dev.g4j.springai.internal;

import dev.g4j.provider.api.ResponseChunk;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import java.util.List;
import java.util.Map;

/**
 * Follows one g4j answer and turns it into Spring AI responses: one per streamed delta, and a last one with the
 * finish reason, usage and model. Not thread-safe: a Flow subscriber receives its signals one at a time.
 *
 * <p>Streamed deltas only append. A {@link ResponseChunk.TextReplaced} that extends the answer so far is streamed
 * as its extension; one that rewrites text cannot be taken back, so the last streamed response carries the exact
 * answer in its metadata under {@link #ANSWER_KEY}, and {@code call()} returns it as the text.
 */
public final class AnswerState {
    /** Metadata key of the exact answer in the last streamed response. */
    public static final String ANSWER_KEY = "g4j.answer";
    /** Metadata key of the provider that answered. */
    public static final String PROVIDER_KEY = "g4j.provider";
    /** Assistant message property holding the reasoning. */
    public static final String REASONING_KEY = "reasoningContent";

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private ResponseChunk.Usage usage;
    private ResponseChunk.ProviderInfo info;
    private String finishReason;

    /**
     * Takes one chunk into account.
     *
     * @param chunk the chunk
     * @return the response to stream for it, or null for none
     */
    public ChatResponse accept(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text t) {
            text.append(t.text());
            return delta(AssistantMessage.builder().content(t.text()).build());
        }
        if (chunk instanceof ResponseChunk.TextReplaced r) {
            boolean extension = r.text().length() > text.length() && r.text().startsWith(text.toString());
            String added = extension ? r.text().substring(text.length()) : null;
            text.setLength(0);
            text.append(r.text());
            return added == null ? null : delta(AssistantMessage.builder().content(added).build());
        }
        if (chunk instanceof ResponseChunk.Reasoning r) {
            reasoning.append(r.text());
            return delta(AssistantMessage.builder().content("").properties(Map.of(REASONING_KEY, r.text())).build());
        }
        if (chunk instanceof ResponseChunk.Usage u) {
            usage = u;
        } else if (chunk instanceof ResponseChunk.ProviderInfo p) {
            info = p;
        } else if (chunk instanceof ResponseChunk.Finish f) {
            finishReason = f.reason();
            return new ChatResponse(List.of(new Generation(AssistantMessage.builder().content("").build(),
                    generationMetadata())), metadata(true));
        }
        return null;
    }

    /**
     * The whole answer as one response, for {@code call()}.
     *
     * @return the answer with its reasoning, finish reason, usage and model
     */
    public ChatResponse toResponse() {
        AssistantMessage.Builder<?> message = AssistantMessage.builder().content(text.toString());
        if (reasoning.length() > 0) {
            message.properties(Map.of(REASONING_KEY, reasoning.toString()));
        }
        return new ChatResponse(List.of(new Generation(message.build(), generationMetadata())), metadata(false));
    }

    private ChatResponse delta(AssistantMessage message) {
        return new ChatResponse(List.of(new Generation(message)), metadata(false));
    }

    private ChatGenerationMetadata generationMetadata() {
        return finishReason == null ? ChatGenerationMetadata.NULL
                : ChatGenerationMetadata.builder().finishReason(finishReason.toUpperCase(java.util.Locale.ROOT)).build();
    }

    private ChatResponseMetadata metadata(boolean last) {
        ChatResponseMetadata.Builder b = ChatResponseMetadata.builder();
        if (info != null) {
            b.model(info.provider() + ":" + info.model()).keyValue(PROVIDER_KEY, info.provider());
        }
        if (usage != null) {
            b.usage(new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()));
        }
        if (last) {
            b.keyValue(ANSWER_KEY, text.toString());
        }
        return b.build();
    }
}
