package dev.g4j.gateway.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.g4j.provider.api.ResponseChunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes OpenAI's JSON shapes: chat completions, their stream chunks, models and errors. Every object carries the
 * fields the official SDKs require ({@code id}, {@code object}, {@code created}, {@code model}, {@code choices[].index}
 * and so on), with string {@code type} and {@code code} in errors.
 */
public final class Wire {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_DATA = "event: error\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The last event of a successful stream. */
    public static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    /** A comment that keeps idle connections and proxies from timing out; clients ignore it. */
    public static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory factory;

    /**
     * Creates a writer.
     *
     * @param factory makes the JSON generators
     */
    public Wire(JsonFactory factory) {
        this.factory = factory;
    }

    /** Identity of one completion: the same on every chunk. */
    public record Head(String id, long created) {
    }

    /**
     * One {@code chat.completion.chunk} as an SSE event.
     *
     * @param head id and creation time
     * @param model the model that answers
     * @param role true for the first chunk, which carries {@code role:"assistant"}
     * @param content text to append, or null
     * @param reasoning reasoning to append, or null
     * @param finishReason why the answer ended, or null while it goes on
     * @return the event's bytes
     */
    public byte[] chunkEvent(Head head, String model, boolean role, String content, String reasoning, String finishReason) {
        return event(g -> {
            chunkHeader(g, head, model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            if (role) {
                g.writeStringField("role", "assistant");
            }
            if (content != null) {
                g.writeStringField("content", content);
            }
            if (reasoning != null) {
                g.writeStringField("reasoning_content", reasoning);
            }
            g.writeEndObject();
            g.writeNullField("logprobs");
            if (finishReason == null) {
                g.writeNullField("finish_reason");
            } else {
                g.writeStringField("finish_reason", finishReason);
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * The usage chunk that ends a stream when the caller asked for {@code stream_options.include_usage}.
     *
     * @param head id and creation time
     * @param model the model that answered
     * @param usage the counts
     * @return the event's bytes
     */
    public byte[] usageEvent(Head head, String model, ResponseChunk.Usage usage) {
        return event(g -> {
            chunkHeader(g, head, model);
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            writeUsage(g, usage);
            g.writeEndObject();
        });
    }

    /**
     * An error event that ends a stream that had already begun. It carries both signals clients look for: the
     * {@code error} object in the data, which the official SDKs raise whatever the event name, and the event name
     * {@code error}, which is the only thing LangChain4j's OpenAI module checks (it ignores an {@code error} object
     * in an unnamed event and reports a truncated answer as complete).
     *
     * @param error the error
     * @return the event's bytes
     */
    public byte[] errorEvent(ApiError error) {
        return event(ERROR_DATA, g -> writeError(g, error));
    }

    /**
     * A whole {@code chat.completion}.
     *
     * @param head id and creation time
     * @param model the model that answered
     * @param content the answer
     * @param reasoning the reasoning, or null when there was none
     * @param finishReason why the answer ended
     * @param usage the counts, or null when unknown
     * @return the JSON bytes
     */
    public byte[] completion(Head head, String model, String content, String reasoning, String finishReason,
                             ResponseChunk.Usage usage) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("id", head.id());
            g.writeStringField("object", "chat.completion");
            g.writeNumberField("created", head.created());
            g.writeStringField("model", model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "assistant");
            g.writeStringField("content", content);
            g.writeNullField("refusal");
            if (reasoning != null) {
                g.writeStringField("reasoning_content", reasoning);
            }
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", finishReason);
            g.writeEndObject();
            g.writeEndArray();
            if (usage != null) {
                writeUsage(g, usage);
            }
            g.writeEndObject();
        });
    }

    /**
     * An error body.
     *
     * @param error the error
     * @return the JSON bytes
     */
    public byte[] error(ApiError error) {
        return json(g -> writeError(g, error));
    }

    /**
     * One model object.
     *
     * @param model the model
     * @return the JSON bytes
     */
    public byte[] model(ModelCatalog.Entry model) {
        return json(g -> writeModel(g, model));
    }

    /**
     * The model list.
     *
     * @param models the models
     * @return the JSON bytes
     */
    public byte[] modelList(List<ModelCatalog.Entry> models) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (ModelCatalog.Entry m : models) {
                writeModel(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeModel(JsonGenerator g, ModelCatalog.Entry m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", m.id());
        g.writeStringField("object", "model");
        g.writeNumberField("created", m.created());
        g.writeStringField("owned_by", m.ownedBy());
        g.writeEndObject();
    }

    private static void chunkHeader(JsonGenerator g, Head head, String model) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", head.id());
        g.writeStringField("object", "chat.completion.chunk");
        g.writeNumberField("created", head.created());
        g.writeStringField("model", model);
    }

    private static void writeUsage(JsonGenerator g, ResponseChunk.Usage usage) throws IOException {
        int prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
        int completion = usage.completionTokens() == null ? 0 : usage.completionTokens();
        int total = usage.totalTokens() != null ? usage.totalTokens() : prompt + completion;
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", prompt);
        g.writeNumberField("completion_tokens", completion);
        g.writeNumberField("total_tokens", total);
        g.writeEndObject();
    }

    private static void writeError(JsonGenerator g, ApiError error) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeStringField("message", error.message());
        g.writeStringField("type", error.type());
        if (error.param() == null) {
            g.writeNullField("param");
        } else {
            g.writeStringField("param", error.param());
        }
        if (error.code() == null) {
            g.writeNullField("code");
        } else {
            g.writeStringField("code", error.code());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] json(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator g = factory.createGenerator(out)) {
                body.write(g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] event(Body body) {
        return event(DATA, body);
    }

    private byte[] event(byte[] prefix, Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            out.write(prefix);
            try (JsonGenerator g = factory.createGenerator(out)) {
                body.write(g);
            }
            out.write(END);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
