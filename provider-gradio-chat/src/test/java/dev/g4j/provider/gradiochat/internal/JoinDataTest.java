package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinDataTest {

    private static final Messages CONVERSATION = Messages.of(Message.system("Be brief."), Message.user("Hi"),
            Message.assistant("Hello!"), Message.user("How are you?"), Message.user("Answer please."));

    private static GradioChatSpec.Builder spec(ChatFormat format, InputSlot... slots) {
        return GradioChatSpec.builder("T").url(URI.create("http://127.0.0.1:1/")).fnIndex(0).format(format)
                .chatbotOutput(1).inputs(slots);
    }

    @Test
    void tuplesHistoryPairsRunsAndTheLastUserRunIsThePrompt() {
        GradioChatSpec s = spec(ChatFormat.TUPLES, InputSlot.prompt(), InputSlot.history(),
                InputSlot.systemPrompt("default")).build();
        assertThat(JoinData.of(s, CONVERSATION, null).toString())
                .isEqualTo("[\"How are you?\\n\\nAnswer please.\",[[\"Hi\",\"Hello!\"]],\"Be brief.\"]");
    }

    @Test
    void anOpeningAssistantRunGetsAnEmptyUserSide() {
        GradioChatSpec s = spec(ChatFormat.MGR, InputSlot.prompt(), InputSlot.history()).build();
        Messages m = Messages.of(Message.assistant("Welcome"), Message.user("Hi"));
        assertThat(JoinData.of(s, m, null).toString()).isEqualTo("[\"Hi\",[[\"\",\"Welcome\"]]]");
    }

    @Test
    void messagesHistoryKeepsRolesAndGradio6GetsTypedParts() {
        Messages m = Messages.of(Message.user("Hi"), Message.assistant("Hello!"), Message.user("Next"));
        assertThat(JoinData.of(spec(ChatFormat.MESSAGES, InputSlot.prompt(), InputSlot.history()).build(), m, null)
                .get(1).toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}]");
        assertThat(JoinData.of(spec(ChatFormat.TYPED_MESSAGES, InputSlot.prompt(), InputSlot.history()).build(), m,
                null).get(1).get(1).toString())
                .isEqualTo("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}]}");
    }

    @Test
    void withoutAHistorySlotTheConversationIsFlattenedIntoThePrompt() {
        GradioChatSpec s = spec(ChatFormat.RESPONSE, InputSlot.prompt(), InputSlot.nullValue(),
                InputSlot.systemPrompt("You are helpful."), InputSlot.constant(new com.fasterxml.jackson.databind.node
                        .DoubleNode(0.7))).chatbotOutput(0).serverSideHistory(true).build();
        assertThat(JoinData.of(s, CONVERSATION, null).toString()).isEqualTo("[\"User: Hi\\nAssistant: Hello!\\n"
                + "User: How are you?\\n\\nAnswer please.\\nAssistant:\",null,\"Be brief.\",0.7]");
        assertThat(JoinData.of(s, Messages.ofUser("Only this"), null).toString())
                .isEqualTo("[\"Only this\",null,\"You are helpful.\",0.7]");
    }

    @Test
    void aNoticeSaysWhenEarlierTurnsWentIntoThePrompt() {
        GradioChatSpec flattening = spec(ChatFormat.RESPONSE, InputSlot.prompt(), InputSlot.nullValue()).chatbotOutput(0)
                .serverSideHistory(true).build();
        assertThat(JoinData.historyNotice(flattening, CONVERSATION)).contains("T keeps its chat history on the server "
                + "(gr.State), so the 2 earlier messages of the conversation went inside the prompt as \"User:\" and "
                + "\"Assistant:\" lines");
        assertThat(JoinData.historyNotice(flattening, Messages.of(Message.system("S"), Message.user("Hi")))).isEmpty();
        GradioChatSpec noHistory = spec(ChatFormat.TUPLES, InputSlot.prompt()).build();
        assertThat(JoinData.historyNotice(noHistory, Messages.of(Message.user("A"), Message.assistant("B"),
                Message.user("C")))).contains("T takes no chat history, so the 2 earlier messages of the conversation "
                + "went inside the prompt as \"User:\" and \"Assistant:\" lines");
        GradioChatSpec nativeHistory = spec(ChatFormat.TUPLES, InputSlot.prompt(), InputSlot.history()).build();
        assertThat(JoinData.historyNotice(nativeHistory, CONVERSATION)).isEmpty();
    }

    @Test
    void dictSlotsAndTheModelSelectorAreFilled() {
        Map<String, InputSlot> settings = new LinkedHashMap<>();
        settings.put("thinking_budget", InputSlot.constant(IntNode.valueOf(38)));
        settings.put("model", InputSlot.modelSelector());
        settings.put("sys_prompt", InputSlot.systemPrompt("You are a helpful and harmless assistant."));
        GradioChatSpec s = spec(ChatFormat.MGR, InputSlot.prompt(), InputSlot.dict(settings), InputSlot.nullValue(),
                InputSlot.modelSelector()).models("small").model("big", "72B").build();
        assertThat(JoinData.of(s, Messages.ofUser("Hi"), "big").toString()).isEqualTo("[\"Hi\",{\"thinking_budget\":38,"
                + "\"model\":\"72B\",\"sys_prompt\":\"You are a helpful and harmless assistant.\"},null,\"72B\"]");
        assertThat(JoinData.of(s, Messages.ofUser("Hi"), "small").get(3)).isEqualTo(TextNode.valueOf("small"));
    }

    @Test
    void aConversationThatDoesNotEndWithAUserMessageIsRefused() {
        GradioChatSpec s = spec(ChatFormat.TUPLES, InputSlot.prompt()).build();
        assertThatThrownBy(() -> JoinData.of(s, Messages.of(Message.user("Hi"), Message.assistant("Yo")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends with an assistant message");
        assertThatThrownBy(() -> JoinData.of(s, Messages.of(Message.system("S")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only system messages");
    }
}
