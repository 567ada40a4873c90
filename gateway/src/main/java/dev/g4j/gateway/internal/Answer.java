package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ResponseChunk;

/**
 * What is known of an answer so far: the model that answers, the text, the reasoning, the usage and the finish
 * reason. Confined to one thread.
 */
final class Answer {
    private final StringBuilder text = new StringBuilder();
    private StringBuilder reasoning;
    private String model;
    private ResponseChunk.Usage usage;
    private String finishReason;

    Answer(String requestedModel) {
        this.model = requestedModel;
    }

    /**
     * Takes in a chunk.
     *
     * @param chunk the chunk
     * @return the text to append for a client that cannot redraw: the delta of a {@link ResponseChunk.Text}, or of
     *         a {@link ResponseChunk.TextReplaced} that only extends the text; null when nothing is to be appended
     */
    String accept(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text) {
            String delta = ((ResponseChunk.Text) chunk).text();
            text.append(delta);
            return delta;
        }
        if (chunk instanceof ResponseChunk.TextReplaced) {
            String whole = ((ResponseChunk.TextReplaced) chunk).text();
            String appended = whole.length() > text.length() && whole.startsWith(text.toString())
                    ? whole.substring(text.length()) : null;
            text.setLength(0);
            text.append(whole);
            return appended;
        }
        if (chunk instanceof ResponseChunk.Reasoning) {
            if (reasoning == null) {
                reasoning = new StringBuilder();
            }
            reasoning.append(((ResponseChunk.Reasoning) chunk).text());
        } else if (chunk instanceof ResponseChunk.ProviderInfo) {
            ResponseChunk.ProviderInfo info = (ResponseChunk.ProviderInfo) chunk;
            model = info.model() != null && !info.model().isBlank() ? info.model() : info.provider();
        } else if (chunk instanceof ResponseChunk.Usage) {
            usage = (ResponseChunk.Usage) chunk;
        } else if (chunk instanceof ResponseChunk.Finish) {
            finishReason = finishReason(((ResponseChunk.Finish) chunk).reason());
        }
        return null;
    }

    /** OpenAI's finish reasons; anything else a provider says is a natural end. */
    private static String finishReason(String reason) {
        if (reason == null) {
            return "stop";
        }
        switch (reason) {
            case "length":
            case "content_filter":
            case "tool_calls":
                return reason;
            default:
                return "stop";
        }
    }

    String model() {
        return model;
    }

    String text() {
        return text.toString();
    }

    String reasoning() {
        return reasoning == null ? null : reasoning.toString();
    }

    ResponseChunk.Usage usage() {
        return usage;
    }

    String finishReason() {
        return finishReason == null ? "stop" : finishReason;
    }
}
