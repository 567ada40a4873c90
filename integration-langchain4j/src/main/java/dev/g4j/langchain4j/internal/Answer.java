package dev.g4j.langchain4j.internal;

import dev.g4j.provider.api.ResponseChunk;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.Locale;

/**
 * Collects a streamed g4j answer into a LangChain4j {@link ChatResponse}, and tells which part of each chunk can be
 * streamed as a partial response. Not thread-safe: a Flow subscriber receives its signals one at a time.
 *
 * <p>LangChain4j's partial responses can only append. When a {@link ResponseChunk.TextReplaced} merely extends the
 * answer so far, the extension is streamed; when it rewrites text, nothing can take that back, so the
 * partial responses then differ from the answer, and the final {@link ChatResponse} carries the exact text.
 */
public final class Answer {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private ResponseChunk.Usage usage;
    private ResponseChunk.ProviderInfo info;
    private String finishReason;

    /**
     * Takes one chunk into account.
     *
     * @param chunk the chunk
     * @return the answer text to stream as a partial response, or null for none
     */
    public String acceptText(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text t) {
            text.append(t.text());
            return t.text();
        }
        if (chunk instanceof ResponseChunk.TextReplaced r) {
            boolean extension = r.text().length() > text.length() && r.text().startsWith(text.toString());
            String delta = extension ? r.text().substring(text.length()) : null;
            text.setLength(0);
            text.append(r.text());
            return delta;
        }
        if (chunk instanceof ResponseChunk.Reasoning r) {
            thinking.append(r.text());
        } else if (chunk instanceof ResponseChunk.Usage u) {
            usage = u;
        } else if (chunk instanceof ResponseChunk.ProviderInfo p) {
            info = p;
        } else if (chunk instanceof ResponseChunk.Finish f) {
            finishReason = f.reason();
        }
        return null;
    }

    /**
     * The response for what was received.
     *
     * @return the answer with its finish reason, token usage when known and the model that answered
     */
    public ChatResponse toResponse() {
        AiMessage.Builder message = AiMessage.builder().text(text.toString());
        if (thinking.length() > 0) {
            message.thinking(thinking.toString());
        }
        ChatResponse.Builder response = ChatResponse.builder().aiMessage(message.build())
                .finishReason(finishReason(finishReason));
        if (usage != null) {
            response.tokenUsage(new TokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()));
        }
        if (info != null) {
            response.modelName(info.provider() + ":" + info.model());
        }
        return response.build();
    }

    static FinishReason finishReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason.toLowerCase(Locale.ROOT)) {
            case "stop" -> FinishReason.STOP;
            case "length", "max_tokens" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls" -> FinishReason.TOOL_EXECUTION;
            default -> FinishReason.OTHER;
        };
    }
}
