package dev.g4j.provider.qwen25;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a conversation into a {@link Qwen25Request}. No message is ever dropped; the rules are:
 *
 * <ol>
 *   <li>Every system message, wherever it stands, goes to the system prompt; several are joined with {@code "\n"}
 *       in order. With none, the Space's own default {@value #DEFAULT_SYSTEM_PROMPT} is sent.</li>
 *   <li>The remaining (user and assistant) messages are grouped into runs of the same role; the messages of a run
 *       are joined with a blank line ({@code "\n\n"}) into one message. So consecutive user messages become one
 *       user turn and consecutive assistant messages one answer.</li>
 *   <li>The last run must be a user run: it becomes the prompt. Otherwise (the conversation ends with an assistant
 *       message, or has no user message at all) {@link IllegalArgumentException} is thrown, because the Space can
 *       only answer a user message.</li>
 *   <li>Every earlier user run is paired with the assistant run that follows it, giving one history turn. An
 *       assistant run with no user run before it (the conversation opens with the assistant) is paired with an
 *       empty user side.</li>
 * </ol>
 */
public final class Qwen25RequestMapper {
    /** The system prompt the Space itself starts with. */
    public static final String DEFAULT_SYSTEM_PROMPT = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    private static final String RUN_SEPARATOR = "\n\n";

    private Qwen25RequestMapper() {
    }

    /**
     * Maps {@code messages} for {@code model}.
     *
     * @throws IllegalArgumentException when the conversation does not end with a user message
     */
    public static Qwen25Request map(Messages messages, Qwen25Model model) {
        List<String> systemParts = new ArrayList<>();
        List<Message> runs = new ArrayList<>();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                systemParts.add(m.content());
            } else if (!runs.isEmpty() && runs.get(runs.size() - 1).role() == m.role()) {
                Message previous = runs.remove(runs.size() - 1);
                runs.add(new Message(m.role(), previous.content() + RUN_SEPARATOR + m.content()));
            } else {
                runs.add(m);
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("The conversation has only system messages; add a user message for Qwen 2.5 to answer");
        }
        Message last = runs.get(runs.size() - 1);
        if (last.role() != Role.USER) {
            throw new IllegalArgumentException("The conversation ends with an " + last.role().wireName()
                    + " message; Qwen 2.5 answers only a last user message, so append the user's next message");
        }
        List<ChatTurn> history = new ArrayList<>();
        String pendingUser = null;
        for (Message run : runs.subList(0, runs.size() - 1)) {
            if (run.role() == Role.USER) {
                pendingUser = run.content();
            } else {
                history.add(new ChatTurn(pendingUser == null ? "" : pendingUser, run.content()));
                pendingUser = null;
            }
        }
        String system = systemParts.isEmpty() ? DEFAULT_SYSTEM_PROMPT : String.join("\n", systemParts);
        return new Qwen25Request(last.content(), history, system, model);
    }
}
