package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {

    @Test
    void messageRejectsNullOrEmptyContentAndNullRole() {
        assertThatThrownBy(() -> Message.user(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user message needs non-empty content");
        assertThatThrownBy(() -> Message.system("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("system message");
        assertThatThrownBy(() -> new Message(null, "hi")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role");
    }

    @Test
    void messageToStringHidesThePrompt() {
        assertThat(Message.user("secret prompt").toString()).doesNotContain("secret").contains("user", "13 chars");
    }

    @Test
    void conversationMustNotBeEmptyOrHoldNulls() {
        assertThatThrownBy(Messages::of).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one message");
        assertThatThrownBy(() -> Messages.of(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one message");
        assertThatThrownBy(() -> Messages.of((List<Message>) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Messages.of((Message[]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Messages.of(Message.user("a"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Message 1");
        assertThatThrownBy(() -> Messages.ofUser("a").with(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conversationIsAnImmutableCopyInOrder() {
        List<Message> source = new ArrayList<>(List.of(Message.system("s"), Message.user("u1"), Message.assistant("a"), Message.user("u2")));
        Messages chat = Messages.of(source);
        source.clear();
        assertThat(chat.size()).isEqualTo(4);
        assertThat(chat.last(Role.USER)).contains(Message.user("u2"));
        assertThat(chat.last(Role.SYSTEM)).contains(Message.system("s"));
        assertThatThrownBy(() -> chat.asList().add(Message.user("x"))).isInstanceOf(UnsupportedOperationException.class);
        Messages longer = chat.with(Message.assistant("a2"));
        assertThat(longer.size()).isEqualTo(5);
        assertThat(chat.size()).isEqualTo(4);
        assertThat(Messages.ofUser("q").last(Role.ASSISTANT)).isEmpty();
        assertThat(Messages.ofUser("q")).isEqualTo(Messages.of(Message.user("q")));
    }

    @Test
    void roleParsesIgnoringCaseAndExplainsBadNames() {
        assertThat(Role.parse(" Assistant ")).isEqualTo(Role.ASSISTANT);
        assertThatThrownBy(() -> Role.parse("bot")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system, user or assistant");
    }
}
