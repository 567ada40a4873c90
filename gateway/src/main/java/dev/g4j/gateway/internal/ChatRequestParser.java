package dev.g4j.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Role;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns the JSON body of {@code POST /v1/chat/completions} into a {@link ChatRequest}, or refuses it with a 400
 * that names the field at fault. Fields the gateway does not use are ignored, as OpenAI-compatible servers do.
 */
public final class ChatRequestParser {
    private static final int MAX_STOP_SEQUENCES = 4;

    private final ObjectMapper mapper;
    private final ProviderOptions baseOptions;

    /**
     * Creates a parser.
     *
     * @param mapper parses the body
     * @param baseOptions the operator's options (endpoint, proxy, timeouts) that every request starts from
     */
    public ChatRequestParser(ObjectMapper mapper, ProviderOptions baseOptions) {
        this.mapper = mapper;
        this.baseOptions = baseOptions.toBuilder().clearGenerationParameters().build();
    }

    /**
     * Parses and checks a request body.
     *
     * @param body the body's bytes
     * @return the request
     * @throws BadRequestException when the body is not JSON or a field is missing or invalid
     */
    public ChatRequest parse(byte[] body) {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw BadRequestException.of(null, "The request body must be a JSON object with 'model' and 'messages'.");
        }
        String model = optionalString(root, "model");
        Messages messages = messages(root.get("messages"));
        boolean stream = optionalBoolean(root, "stream");
        boolean includeUsage = false;
        JsonNode streamOptions = root.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw BadRequestException.of("stream_options", "'stream_options' must be an object such as {\"include_usage\":true}.");
            }
            includeUsage = optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage");
        }
        checkN(root.get("n"));
        return new ChatRequest(model == null || model.isBlank() ? null : model.strip(), messages, options(root), stream, includeUsage);
    }

    private JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw BadRequestException.of(null, "The request body is empty: send a JSON object with 'model' and 'messages'.");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw BadRequestException.of(null, "The request body is empty: send a JSON object with 'model' and 'messages'.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw BadRequestException.of(null, "The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ").");
        } catch (IOException e) {
            throw BadRequestException.of(null, "The request body could not be read as JSON: " + e.getMessage());
        }
    }

    private static Messages messages(JsonNode node) {
        if (node == null || node.isNull()) {
            throw BadRequestException.of("messages", "'messages' is missing: send an array with at least one message.");
        }
        if (!node.isArray()) {
            throw BadRequestException.of("messages", "'messages' must be an array of messages.");
        }
        if (node.isEmpty()) {
            throw BadRequestException.of("messages", "'messages' is empty: send at least one message.");
        }
        List<Message> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Message m = message(node.get(i), "messages[" + i + "]");
            if (m != null) {
                list.add(m);
            }
        }
        if (list.isEmpty()) {
            throw BadRequestException.of("messages", "Every message in 'messages' has empty content: send some text.");
        }
        return Messages.of(list);
    }

    /** A message, or null for one without text (an assistant turn that only called tools). */
    private static Message message(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw BadRequestException.of(where, where + " must be an object with 'role' and 'content'.");
        }
        JsonNode roleNode = node.get("role");
        if (roleNode == null || !roleNode.isTextual()) {
            throw BadRequestException.of(where + ".role", where + ".role is missing: use system, developer, user or assistant.");
        }
        Role role = role(roleNode.asText(), where + ".role");
        String content = content(node.get("content"), where + ".content");
        return content.isEmpty() ? null : new Message(role, content);
    }

    private static Role role(String name, String where) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "system":
            case "developer":
                return Role.SYSTEM;
            case "user":
                return Role.USER;
            case "assistant":
                return Role.ASSISTANT;
            default:
                throw BadRequestException.of(where, "Role '" + name + "' is not supported: this gateway takes system, "
                        + "developer, user and assistant messages (no tool calls).");
        }
    }

    private static String content(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isArray()) {
            throw BadRequestException.of(where, where + " must be a string or an array of text parts.");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < node.size(); j++) {
            JsonNode part = node.get(j);
            String partWhere = where + "[" + j + "]";
            if (part == null || !part.isObject()) {
                throw BadRequestException.of(partWhere, partWhere + " must be an object such as {\"type\":\"text\",\"text\":\"...\"}.");
            }
            JsonNode type = part.get("type");
            if (type == null || !"text".equals(type.asText())) {
                throw BadRequestException.of(partWhere + ".type", "Content part type '"
                        + (type == null ? "" : type.asText()) + "' is not supported: this gateway takes text parts only.")
                        .withCode("unsupported_content");
            }
            JsonNode partText = part.get("text");
            if (partText == null || !partText.isTextual()) {
                throw BadRequestException.of(partWhere + ".text", partWhere + ".text must be a string.");
            }
            text.append(partText.asText());
        }
        return text.toString();
    }

    private static void checkN(JsonNode n) {
        if (n != null && !n.isNull() && !(n.canConvertToExactIntegral() && n.asLong() == 1)) {
            throw BadRequestException.of("n", "'n' must be 1: this gateway returns one choice per request.");
        }
    }

    private static ProviderOptions.Builder apply(ProviderOptions.Builder b, String param, Consumer<ProviderOptions.Builder> setter) {
        try {
            setter.accept(b);
            return b;
        } catch (IllegalArgumentException e) {
            throw BadRequestException.of(param, "Invalid '" + param + "': " + e.getMessage() + ".");
        }
    }

    private ProviderOptions options(JsonNode root) {
        ProviderOptions.Builder b = baseOptions.toBuilder();
        Double temperature = number(root, "temperature");
        if (temperature != null) {
            apply(b, "temperature", x -> x.temperature(temperature));
        }
        Double topP = number(root, "top_p");
        if (topP != null) {
            apply(b, "top_p", x -> x.topP(topP));
        }
        Long maxCompletion = integer(root, "max_completion_tokens");
        Long maxTokens = integer(root, "max_tokens");
        String maxName = maxCompletion != null ? "max_completion_tokens" : "max_tokens";
        Long max = maxCompletion != null ? maxCompletion : maxTokens;
        if (max != null) {
            if (max < 1 || max > Integer.MAX_VALUE) {
                throw BadRequestException.of(maxName, "Invalid '" + maxName + "': it must be at least 1, got " + max + ".");
            }
            apply(b, maxName, x -> x.maxTokens(max.intValue()));
        }
        List<String> stop = stop(root.get("stop"));
        if (!stop.isEmpty()) {
            apply(b, "stop", x -> x.stop(stop));
        }
        Long seed = integer(root, "seed");
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            if (node.asText().isEmpty()) {
                throw BadRequestException.of("stop", "Invalid 'stop': a stop sequence must not be empty.");
            }
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw BadRequestException.of("stop", "Invalid 'stop': send a string or an array of up to 4 strings.");
        }
        if (node.size() > MAX_STOP_SEQUENCES) {
            throw BadRequestException.of("stop", "Invalid 'stop': at most " + MAX_STOP_SEQUENCES + " sequences, got " + node.size() + ".");
        }
        List<String> list = new ArrayList<>(node.size());
        for (JsonNode s : node) {
            if (!s.isTextual() || s.asText().isEmpty()) {
                throw BadRequestException.of("stop", "Invalid 'stop': every sequence must be a non-empty string.");
            }
            list.add(s.asText());
        }
        return list;
    }

    private static Double number(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw BadRequestException.of(name, "Invalid '" + name + "': expected a number, got " + describe(node) + ".");
        }
        return node.doubleValue();
    }

    private static Long integer(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw BadRequestException.of(name, "Invalid '" + name + "': expected an integer, got " + describe(node) + ".");
        }
        return node.longValue();
    }

    private static String optionalString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw BadRequestException.of(name, "Invalid '" + name + "': expected a string, got " + describe(node) + ".");
        }
        return node.asText();
    }

    private static boolean optionalBoolean(JsonNode root, String name) {
        return optionalBoolean(root, name, name);
    }

    private static boolean optionalBoolean(JsonNode root, String name, String param) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw BadRequestException.of(param, "Invalid '" + param + "': expected true or false, got " + describe(node) + ".");
        }
        return node.booleanValue();
    }

    private static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "the number " + node.asText();
            case BOOLEAN:
                return node.asText();
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            default:
                return node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
