package dev.g4j.provider.openai.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;

/** Writes the JSON body of {@code POST /chat/completions}. */
public final class ChatBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatBody() {
    }

    /**
     * The request body: model, the messages with their native roles, {@code stream} (with
     * {@code stream_options.include_usage} when streaming) and the typed parameters that are set.
     *
     * @param model the model to ask for
     * @param messages the conversation
     * @param options the parameters
     * @param stream whether to ask for a streamed answer
     * @return the body as UTF-8 JSON
     */
    public static byte[] encode(String model, Messages messages, ProviderOptions options, boolean stream) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode list = root.putArray("messages");
        for (Message m : messages) {
            ObjectNode node = list.addObject();
            node.put("role", m.role().wireName());
            node.put("content", m.content());
        }
        root.put("stream", stream);
        if (stream) {
            root.putObject("stream_options").put("include_usage", true);
        }
        options.temperature().ifPresent(t -> root.put("temperature", t));
        options.topP().ifPresent(p -> root.put("top_p", p));
        options.maxTokens().ifPresent(n -> root.put("max_tokens", n));
        if (!options.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            options.stop().forEach(stop::add);
        }
        options.seed().ifPresent(s -> root.put("seed", s));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot encode the chat request", e);
        }
    }
}
