package dev.g4j.provider.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.ChunkSink;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.api.UpstreamProtocolException;

/**
 * Maps the JSON of chat completion chunks (and of a whole non-streamed completion) to {@link ResponseChunk}s:
 * {@code content} to Text, {@code reasoning_content} or {@code reasoning} to Reasoning, {@code usage} to Usage,
 * {@code finish_reason} to Finish. Unknown fields are ignored. Usage and Finish are held back until the end, so
 * they come last, once each.
 */
public final class ChunkMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final ChunkSink sink;
    private final Secret key;
    private String finishReason;
    private ResponseChunk.Usage usage;
    private long answerChars;
    private long reasoningChars;

    /**
     * Creates a mapper for one answer.
     *
     * @param provider the provider's name, for messages
     * @param sink where the chunks go
     * @param key the key sent, masked in messages; may be null
     */
    public ChunkMapper(String provider, ChunkSink sink, Secret key) {
        this.provider = provider;
        this.sink = sink;
        this.key = key;
    }

    /**
     * Handles the data of one streamed event other than {@code [DONE]}.
     *
     * @param data the event's data
     * @throws UpstreamProtocolException when it is not a JSON object
     * @throws RemoteProcessException when it carries an {@code error}
     */
    public void onChunk(String data) {
        JsonNode root = parse(data, "an event");
        checkError(root);
        for (JsonNode choice : root.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            emitReasoning(delta);
            emitText(delta.path("content"));
            noteFinish(choice);
        }
        noteUsage(root.get("usage"));
    }

    /**
     * Handles a whole non-streamed {@code chat.completion}.
     *
     * @param body the body
     * @throws UpstreamProtocolException when it is not a JSON object
     * @throws RemoteProcessException when it carries an {@code error}
     */
    public void onCompletion(String body) {
        JsonNode root = parse(body, "a response body");
        checkError(root);
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new UpstreamProtocolException(provider + " sent a completion without choices: "
                    + UpstreamErrors.oneLine(UpstreamErrors.mask(body, key)));
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        emitReasoning(message);
        emitText(message.path("content"));
        noteFinish(choice);
        noteUsage(root.get("usage"));
    }

    /** Emits the held-back Usage and the Finish, then completes the sink. */
    public void complete() {
        if (usage != null) {
            sink.emit(usage);
        }
        sink.emit(ResponseChunk.finish(finishReason == null ? "stop" : finishReason));
        sink.complete();
    }

    /**
     * Whether any answer or reasoning text arrived.
     *
     * @return true once some did
     */
    public boolean sawOutput() {
        return answerChars > 0 || reasoningChars > 0;
    }

    /**
     * How many characters of answer arrived.
     *
     * @return the count
     */
    public long answerChars() {
        return answerChars;
    }

    /**
     * The last finish reason seen.
     *
     * @return the reason, or null
     */
    public String finishReason() {
        return finishReason;
    }

    private JsonNode parse(String data, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new UpstreamProtocolException(provider + " sent " + what + " that is not valid JSON ("
                    + UpstreamErrors.oneLine(UpstreamErrors.mask(excerpt(data), key)) + "). The server is not speaking the "
                    + "OpenAI protocol correctly; try again or use another provider.", e);
        }
        if (root == null || !root.isObject()) {
            throw new UpstreamProtocolException(provider + " sent " + what + " that is not a JSON object ("
                    + UpstreamErrors.oneLine(UpstreamErrors.mask(excerpt(data), key)) + ").");
        }
        return root;
    }

    private void checkError(JsonNode root) {
        JsonNode error = root.get("error");
        if (error == null || error.isNull() || (error.isBoolean() && !error.asBoolean())) {
            return;
        }
        String message;
        if (error.isObject()) {
            message = error.path("message").isTextual() ? error.get("message").asText() : error.toString();
        } else {
            message = error.asText();
        }
        throw new RemoteProcessException(provider + " reported an error" + (sawOutput() ? " in the middle of the answer" : "")
                + ": " + UpstreamErrors.oneLine(UpstreamErrors.mask(message, key)));
    }

    private void emitReasoning(JsonNode holder) {
        JsonNode r = holder.get("reasoning_content");
        if (r == null || !r.isTextual() || r.asText().isEmpty()) {
            r = holder.get("reasoning");
        }
        if (r != null && r.isTextual() && !r.asText().isEmpty()) {
            reasoningChars += r.asText().length();
            sink.emit(ResponseChunk.reasoning(r.asText()));
        }
    }

    private void emitText(JsonNode content) {
        if (content != null && content.isTextual() && !content.asText().isEmpty()) {
            answerChars += content.asText().length();
            sink.emitText(content.asText());
        }
    }

    private void noteFinish(JsonNode choice) {
        JsonNode f = choice.get("finish_reason");
        if (f != null && f.isTextual() && !f.asText().isEmpty()) {
            finishReason = f.asText();
        }
    }

    private void noteUsage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return;
        }
        Integer prompt = count(u.get("prompt_tokens"));
        Integer completion = count(u.get("completion_tokens"));
        Integer total = count(u.get("total_tokens"));
        if (prompt != null || completion != null || total != null) {
            usage = ResponseChunk.usage(prompt, completion, total);
        }
    }

    private static Integer count(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 0 ? n.asInt() : null;
    }

    private static String excerpt(String data) {
        return data.length() <= 200 ? data : data.substring(0, 200) + "…";
    }
}
