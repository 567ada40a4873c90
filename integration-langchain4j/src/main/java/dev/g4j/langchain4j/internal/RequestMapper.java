package dev.g4j.langchain4j.internal;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a LangChain4j {@link ChatRequest} into g4j's conversation and options. g4j providers take text only and
 * call no tools, so anything else is refused with an {@link IllegalArgumentException} that says what to change.
 */
public final class RequestMapper {

    private RequestMapper() {
    }

    /**
     * Maps the messages: system, user and AI messages with text; nothing else.
     *
     * @param request the LangChain4j request
     * @return the conversation
     * @throws IllegalArgumentException for images, audio, tool calls, tool results or custom messages
     */
    public static Messages messages(ChatRequest request) {
        List<Message> out = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message instanceof SystemMessage system) {
                out.add(Message.system(system.text()));
            } else if (message instanceof UserMessage user) {
                out.add(Message.user(userText(user)));
            } else if (message instanceof AiMessage ai) {
                if (ai.hasToolExecutionRequests()) {
                    throw new IllegalArgumentException("g4j providers do not call tools, but the conversation holds an"
                            + " AI message with tool execution requests; remove tools from the AI service or use a"
                            + " LangChain4j model that supports them");
                }
                if (ai.text() != null && !ai.text().isEmpty()) {
                    out.add(Message.assistant(ai.text()));
                }
            } else {
                throw new IllegalArgumentException("g4j providers take system, user and AI text messages only, not "
                        + message.type() + " messages; remove them from the conversation");
            }
        }
        return Messages.of(out);
    }

    private static String userText(UserMessage user) {
        StringBuilder text = new StringBuilder();
        for (Content content : user.contents()) {
            if (!(content instanceof TextContent part)) {
                throw new IllegalArgumentException("g4j providers take text only, but a user message holds "
                        + content.type() + " content; send the text alone or use a LangChain4j model that accepts "
                        + content.type());
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(part.text());
        }
        return text.toString();
    }

    /**
     * Applies the request's parameters on top of the model's options; the parameters not set keep the options'.
     *
     * @param request the LangChain4j request
     * @param base the model's options
     * @return the options for this request
     * @throws IllegalArgumentException for tools, JSON response formats, top-k, frequency or presence penalties,
     *         and values out of range
     */
    public static ProviderOptions options(ChatRequest request, ProviderOptions base) {
        ChatRequestParameters p = request.parameters();
        if (p == null) {
            return base;
        }
        if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            throw new IllegalArgumentException("g4j providers do not call tools; remove the tools from the request"
                    + " or use a LangChain4j model that supports them");
        }
        if (p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
            throw new IllegalArgumentException("g4j providers have no JSON response format; ask for JSON in the prompt"
                    + " instead");
        }
        refuse(p.topK(), "topK");
        refuse(p.frequencyPenalty(), "frequencyPenalty");
        refuse(p.presencePenalty(), "presencePenalty");
        ProviderOptions.Builder b = base.toBuilder();
        if (p.temperature() != null) {
            b.temperature(p.temperature());
        }
        if (p.topP() != null) {
            b.topP(p.topP());
        }
        if (p.maxOutputTokens() != null) {
            b.maxTokens(p.maxOutputTokens());
        }
        if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
            b.stop(p.stopSequences());
        }
        return b.build();
    }

    private static void refuse(Object value, String name) {
        if (value != null) {
            throw new IllegalArgumentException("g4j has no '" + name + "' parameter; remove it from the request"
                    + " (g4j knows temperature, topP, maxOutputTokens and stopSequences)");
        }
    }

    /**
     * The model to ask for: the request's own model name when it sets one, else the model's.
     *
     * @param request the LangChain4j request
     * @param model the model's configured model, or null for the default chain
     * @return the model string for the registry, or null
     */
    public static String model(ChatRequest request, String model) {
        String requested = request.parameters() == null ? null : request.parameters().modelName();
        return requested == null || requested.isBlank() ? model : requested;
    }
}
