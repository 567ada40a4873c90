package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.Role;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a conversation into the join's {@code data} array for a spec. The rules:
 *
 * <ol>
 *   <li>Every system message goes to the {@link InputSlot.SystemPrompt} slot, several joined with
 *       {@code "\n"}; with none, the slot's {@code whenAbsent} value is sent.</li>
 *   <li>The user and assistant messages are grouped into runs of the same role, the messages of a run joined
 *       with a blank line. The last run must be a user run.</li>
 *   <li>With a {@link InputSlot.History} slot, the last run is the prompt and the earlier runs the history,
 *       each user run paired with the assistant run after it (an opening assistant run gets an empty user
 *       side), encoded in the spec's format.</li>
 *   <li>Without one (the app keeps history server-side, or has none), the conversation is flattened into the
 *       prompt: a single user run as it is, otherwise {@code "User: …\nAssistant: …\nUser: …\nAssistant:"}.</li>
 * </ol>
 */
public final class JoinData {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RUN_SEPARATOR = "\n\n";

    private JoinData() {
    }

    /**
     * The {@code data} array for a conversation.
     *
     * @param spec     the app's spec
     * @param messages the conversation
     * @param model    the resolved model name (see {@link GradioChatSpec#resolveModel(String)}), or null when the
     *                 spec has no models
     * @return a fresh array, one value per input slot
     * @throws IllegalArgumentException when the conversation does not end with a user message
     */
    public static ArrayNode of(GradioChatSpec spec, Messages messages, String model) {
        List<String> system = new ArrayList<>();
        List<Message> runs = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                system.add(m.content());
            } else if (!runs.isEmpty() && runs.get(runs.size() - 1).role() == m.role()) {
                Message previous = runs.remove(runs.size() - 1);
                runs.add(new Message(m.role(), previous.content() + RUN_SEPARATOR + m.content()));
            } else {
                runs.add(m);
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("The conversation has only system messages; add a user message for "
                    + spec.name() + " to answer");
        }
        Message last = runs.get(runs.size() - 1);
        if (last.role() != Role.USER) {
            throw new IllegalArgumentException("The conversation ends with an " + last.role().wireName()
                    + " message; " + spec.name() + " answers only a last user message, so append the user's next message");
        }
        List<Message> earlier = runs.subList(0, runs.size() - 1);
        Values values = new Values(
                spec.flattensHistory() ? flatten(runs) : last.content(),
                history(spec.format(), earlier),
                system.isEmpty() ? null : String.join("\n", system),
                model == null ? null : spec.selectorValue(model));
        ArrayNode data = NODES.arrayNode();
        for (InputSlot slot : spec.inputs()) {
            data.add(value(slot, values));
        }
        return data;
    }

    /**
     * The notice a provider shows when earlier turns of the conversation travel inside the prompt because the
     * spec has no history input.
     *
     * @param spec     the app's spec
     * @param messages the conversation
     * @return the notice text, or empty when the history is sent natively or there are no earlier turns
     */
    public static Optional<String> historyNotice(GradioChatSpec spec, Messages messages) {
        if (!spec.flattensHistory()) {
            return Optional.empty();
        }
        List<Message> dialogue = messages.asList().stream().filter(m -> m.role() != Role.SYSTEM).toList();
        int earlier = dialogue.size();
        while (earlier > 0 && dialogue.get(earlier - 1).role() == Role.USER) {
            earlier--;
        }
        if (earlier == 0) {
            return Optional.empty();
        }
        String why = spec.serverSideHistory() ? " keeps its chat history on the server (gr.State)"
                : " takes no chat history";
        return Optional.of(spec.name() + why + ", so the " + earlier + " earlier message" + (earlier == 1 ? "" : "s")
                + " of the conversation went inside the prompt as \"User:\" and \"Assistant:\" lines");
    }

    private record Values(String prompt, JsonNode history, String system, String selector) {
    }

    private static JsonNode value(InputSlot slot, Values v) {
        if (slot instanceof InputSlot.Prompt) {
            return NODES.textNode(v.prompt());
        } else if (slot instanceof InputSlot.History) {
            return v.history();
        } else if (slot instanceof InputSlot.SystemPrompt s) {
            return NODES.textNode(v.system() == null ? s.whenAbsent() : v.system());
        } else if (slot instanceof InputSlot.ModelSelector) {
            return v.selector() == null ? NODES.nullNode() : NODES.textNode(v.selector());
        } else if (slot instanceof InputSlot.Constant c) {
            return c.value().deepCopy();
        } else {
            ObjectNode dict = NODES.objectNode();
            for (Map.Entry<String, InputSlot> field : ((InputSlot.Dict) slot).fields().entrySet()) {
                dict.set(field.getKey(), value(field.getValue(), v));
            }
            return dict;
        }
    }

    /** The conversation as one text, like gpt4free's {@code format_prompt}. */
    static String flatten(List<Message> runs) {
        if (runs.size() == 1) {
            return runs.get(0).content();
        }
        StringBuilder text = new StringBuilder();
        for (Message run : runs) {
            text.append(run.role() == Role.USER ? "User: " : "Assistant: ").append(run.content()).append('\n');
        }
        return text.append("Assistant:").toString();
    }

    private static ArrayNode history(ChatFormat format, List<Message> earlier) {
        ArrayNode history = NODES.arrayNode();
        if (format == ChatFormat.MESSAGES || format == ChatFormat.TYPED_MESSAGES) {
            for (Message m : earlier) {
                ObjectNode message = history.addObject().put("role", m.role().wireName());
                if (format == ChatFormat.MESSAGES) {
                    message.put("content", m.content());
                } else {
                    message.putArray("content").addObject().put("type", "text").put("text", m.content());
                }
            }
            return history;
        }
        String pendingUser = null;
        for (Message run : earlier) {
            if (run.role() == Role.USER) {
                pendingUser = run.content();
            } else {
                history.addArray().add(pendingUser == null ? "" : pendingUser).add(run.content());
                pendingUser = null;
            }
        }
        return history;
    }
}
