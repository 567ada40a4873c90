package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.gradiochat.internal.JoinData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data array the Qwen 2.5 spec sends to model_chat: [prompt, history pairs, system prompt, radio]. */
class Qwen25JoinDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Sent(String prompt, List<List<String>> historyPairs, String systemPrompt, String radio) {
    }

    private static Sent map(Message... messages) {
        JsonNode data = JoinData.of(Qwen25Provider.SPEC, Messages.of(messages), "qwen2.5-7b-instruct");
        List<List<String>> pairs = JSON.convertValue(data.get(1), JSON.getTypeFactory().constructCollectionType(List.class,
                JSON.getTypeFactory().constructCollectionType(List.class, String.class)));
        return new Sent(data.get(0).textValue(), pairs, data.get(2).textValue(), data.get(3).textValue());
    }

    @Test
    void singleUserMessageGetsTheSpacesDefaultSystemPrompt() {
        Sent r = map(Message.user("Hello"));
        assertThat(r.prompt()).isEqualTo("Hello");
        assertThat(r.historyPairs()).isEmpty();
        assertThat(r.systemPrompt()).isEqualTo("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.");
        assertThat(r.radio()).isEqualTo("7B");
    }

    @Test
    void systemMessagesAreJoinedWithANewlineWhereverTheyStand() {
        Sent r = map(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello!"),
                Message.system("Answer in French."), Message.user("How are you?"));
        assertThat(r.systemPrompt()).isEqualTo("Be brief.\nAnswer in French.");
        assertThat(r.historyPairs()).containsExactly(List.of("Hi", "Hello!"));
        assertThat(r.prompt()).isEqualTo("How are you?");
    }

    @Test
    void earlierTurnsBecomeUserAssistantPairsInOrder() {
        Sent r = map(Message.user("u1"), Message.assistant("a1"), Message.user("u2"), Message.assistant("a2"),
                Message.user("u3"));
        assertThat(r.historyPairs()).containsExactly(List.of("u1", "a1"), List.of("u2", "a2"));
        assertThat(r.prompt()).isEqualTo("u3");
    }

    @Test
    void consecutiveUserMessagesAreJoinedWithABlankLine() {
        Sent r = map(Message.user("u1"), Message.user("u1b"), Message.assistant("a1"), Message.user("u2"),
                Message.user("u2b"));
        assertThat(r.historyPairs()).containsExactly(List.of("u1\n\nu1b", "a1"));
        assertThat(r.prompt()).isEqualTo("u2\n\nu2b");
    }

    @Test
    void consecutiveAssistantMessagesAreJoinedWithABlankLine() {
        Sent r = map(Message.user("u1"), Message.assistant("a1"), Message.assistant("a1b"), Message.user("u2"));
        assertThat(r.historyPairs()).containsExactly(List.of("u1", "a1\n\na1b"));
    }

    @Test
    void anAssistantMessageWithNoUserBeforeItIsPairedWithAnEmptyUserSide() {
        Sent r = map(Message.system("s"), Message.assistant("Welcome! Ask me anything."), Message.user("Hi"));
        assertThat(r.historyPairs()).containsExactly(List.of("", "Welcome! Ask me anything."));
        assertThat(r.prompt()).isEqualTo("Hi");
    }

    @Test
    void noMessageIsDropped() {
        Sent r = map(Message.assistant("a0"), Message.assistant("a0b"), Message.user("u1"), Message.user("u1b"),
                Message.assistant("a1"), Message.user("u2"));
        assertThat(r.historyPairs()).containsExactly(List.of("", "a0\n\na0b"), List.of("u1\n\nu1b", "a1"));
        assertThat(r.prompt()).isEqualTo("u2");
    }

    @Test
    void aConversationEndingWithTheAssistantIsRejected() {
        assertThatThrownBy(() -> map(Message.user("Hi"), Message.assistant("Hello")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends with an assistant message");
    }

    @Test
    void aConversationOfSystemMessagesOnlyIsRejected() {
        assertThatThrownBy(() -> map(Message.system("s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only system messages");
    }
}
