package dev.g4j.provider.qwen25;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Qwen25RequestMapperTest {
    private static Qwen25Request map(Message... messages) {
        return Qwen25RequestMapper.map(Messages.of(messages), Qwen25Model.QWEN2_5_7B);
    }

    @Test
    void singleUserMessageGetsTheSpacesDefaultSystemPrompt() {
        Qwen25Request r = map(Message.user("Hello"));
        assertThat(r.prompt()).isEqualTo("Hello");
        assertThat(r.history()).isEmpty();
        assertThat(r.systemPrompt()).isEqualTo("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.");
        assertThat(r.model().radioValue()).isEqualTo("7B");
    }

    @Test
    void systemMessagesAreJoinedWithANewlineWhereverTheyStand() {
        Qwen25Request r = map(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello!"),
                Message.system("Answer in French."), Message.user("How are you?"));
        assertThat(r.systemPrompt()).isEqualTo("Be brief.\nAnswer in French.");
        assertThat(r.history()).containsExactly(new ChatTurn("Hi", "Hello!"));
        assertThat(r.prompt()).isEqualTo("How are you?");
    }

    @Test
    void earlierTurnsBecomeUserAssistantPairsInOrder() {
        Qwen25Request r = map(Message.user("u1"), Message.assistant("a1"), Message.user("u2"), Message.assistant("a2"),
                Message.user("u3"));
        assertThat(r.historyPairs()).containsExactly(List.of("u1", "a1"), List.of("u2", "a2"));
        assertThat(r.prompt()).isEqualTo("u3");
    }

    @Test
    void consecutiveUserMessagesAreJoinedWithABlankLine() {
        Qwen25Request r = map(Message.user("u1"), Message.user("u1b"), Message.assistant("a1"), Message.user("u2"),
                Message.user("u2b"));
        assertThat(r.history()).containsExactly(new ChatTurn("u1\n\nu1b", "a1"));
        assertThat(r.prompt()).isEqualTo("u2\n\nu2b");
    }

    @Test
    void consecutiveAssistantMessagesAreJoinedWithABlankLine() {
        Qwen25Request r = map(Message.user("u1"), Message.assistant("a1"), Message.assistant("a1b"), Message.user("u2"));
        assertThat(r.history()).containsExactly(new ChatTurn("u1", "a1\n\na1b"));
    }

    @Test
    void anAssistantMessageWithNoUserBeforeItIsPairedWithAnEmptyUserSide() {
        Qwen25Request r = map(Message.system("s"), Message.assistant("Welcome! Ask me anything."), Message.user("Hi"));
        assertThat(r.history()).containsExactly(new ChatTurn("", "Welcome! Ask me anything."));
        assertThat(r.prompt()).isEqualTo("Hi");
    }

    @Test
    void noMessageIsDropped() {
        Qwen25Request r = map(Message.assistant("a0"), Message.assistant("a0b"), Message.user("u1"), Message.user("u1b"),
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

    @Test
    void toStringKeepsConversationTextOut() {
        Qwen25Request r = map(Message.user("secret prompt"), Message.assistant("secret answer"), Message.user("more secrets"));
        assertThat(r.toString()).doesNotContain("secret");
        assertThat(r.history().get(0).toString()).doesNotContain("secret");
    }
}
