package dev.g4j.springai.internal;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Spring AI {@link Prompt} into g4j's conversation and options. g4j providers take text only and call no
 * tools, so anything else is refused with an {@link IllegalArgumentException} that says what to change.
 */
public final class PromptMapper {

    private PromptMapper() {
    }

    /**
     * Maps the messages: system, user and assistant text; nothing else.
     *
     * @param prompt the Spring AI prompt
     * @return the conversation
     * @throws IllegalArgumentException for media, tool calls and tool responses
     */
    public static Messages messages(Prompt prompt) {
        List<Message> out = new ArrayList<>();
        for (org.springframework.ai.chat.messages.Message message : prompt.getInstructions()) {
            if (message instanceof SystemMessage system) {
                out.add(Message.system(text(system)));
            } else if (message instanceof UserMessage user) {
                if (!user.getMedia().isEmpty()) {
                    throw new IllegalArgumentException("g4j providers take text only, but a user message holds "
                            + user.getMedia().size() + " media item(s) (" + user.getMedia().get(0).getMimeType()
                            + "); send the text alone or use a Spring AI model that accepts media");
                }
                out.add(Message.user(text(user)));
            } else if (message instanceof AssistantMessage assistant) {
                if (assistant.hasToolCalls()) {
                    throw new IllegalArgumentException("g4j providers do not call tools, but the conversation holds"
                            + " an assistant message with tool calls; remove the tools or use a Spring AI model"
                            + " that supports them");
                }
                if (assistant.getText() != null && !assistant.getText().isEmpty()) {
                    out.add(Message.assistant(assistant.getText()));
                }
            } else {
                throw new IllegalArgumentException("g4j providers take system, user and assistant text messages only,"
                        + " not " + message.getMessageType() + " messages; remove them from the prompt");
            }
        }
        return Messages.of(out);
    }

    private static String text(org.springframework.ai.chat.messages.Message message) {
        return message.getText() == null ? "" : message.getText();
    }

    /**
     * Applies the prompt's options on top of the model's; the ones the prompt leaves unset keep the model's.
     *
     * @param options the prompt's options, or null
     * @param base the model's options
     * @return the options for this request
     * @throws IllegalArgumentException for tools, top-k, frequency or presence penalties, and values out of range
     */
    public static ProviderOptions options(ChatOptions options, ProviderOptions base) {
        if (options == null) {
            return base;
        }
        if (options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null
                && !tools.getToolCallbacks().isEmpty()) {
            throw new IllegalArgumentException("g4j providers do not call tools; remove the tools from the prompt or"
                    + " use a Spring AI model that supports them");
        }
        refuse(options.getTopK(), "topK");
        refuse(options.getFrequencyPenalty(), "frequencyPenalty");
        refuse(options.getPresencePenalty(), "presencePenalty");
        ProviderOptions.Builder b = base.toBuilder();
        if (options.getTemperature() != null) {
            b.temperature(options.getTemperature());
        }
        if (options.getTopP() != null) {
            b.topP(options.getTopP());
        }
        if (options.getMaxTokens() != null) {
            b.maxTokens(options.getMaxTokens());
        }
        if (options.getStopSequences() != null && !options.getStopSequences().isEmpty()) {
            b.stop(options.getStopSequences());
        }
        return b.build();
    }

    private static void refuse(Object value, String name) {
        if (value != null) {
            throw new IllegalArgumentException("g4j has no '" + name + "' option; remove it from the chat options"
                    + " (g4j knows model, temperature, topP, maxTokens and stopSequences)");
        }
    }

    /**
     * The model to ask for: the prompt's when its options name one, else the model's.
     *
     * @param options the prompt's options, or null
     * @param model the configured model, or null for the default chain
     * @return the model string for the registry, or null
     */
    public static String model(ChatOptions options, String model) {
        String requested = options == null ? null : options.getModel();
        return requested == null || requested.isBlank() ? model : requested;
    }
}
