package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.gradiochat.ChatFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ReplyExtractorTest {

    private static final List<String> TOKENS = List.of("Hi", " there");

    private static JsonNode json(String text) throws Exception {
        return SimulatedRun.MAPPER.readTree(text);
    }

    private static ChatReply.Text text(ChatFormat format, int output, JsonNode value) {
        ChatReply reply = ReplyExtractor.extract(format, output, value);
        assertThat(reply).isInstanceOf(ChatReply.Text.class);
        return (ChatReply.Text) reply;
    }

    @Test
    void tuplesFromTheQwen2SpaceShape() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen2_72b(), TOKENS)) {
            JsonNode outputs = run.completedOutputs(0, 11, json("[\"Hello\",[[\"Before\",\"Earlier\"]],\"\"]"));
            assertThat(text(ChatFormat.TUPLES, 1, outputs.get(1))).isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void mgrPairsFromTheQwen25Space() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen25(), TOKENS)) {
            JsonNode outputs = run.completedOutputs(3, 25, json("[\"Hello\",[],\"Be nice.\",\"72B\"]"));
            assertThat(text(ChatFormat.MGR, 1, outputs.get(1))).isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void mgrPartsFromTheQwen3SpaceShapeSplitReasoningFromTheAnswer() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen3Demo(), TOKENS)) {
            JsonNode outputs = run.completedOutputs(13, 31, json("[\"Hello\",{\"thinking_budget\":38,"
                    + "\"model\":\"qwen3-8b\",\"sys_prompt\":\"S\"},null,null]"));
            assertThat(text(ChatFormat.MGR, 5, outputs.get(5)))
                    .isEqualTo(new ChatReply.Text("Hi there", "Thinking about: Hello"));
        }
    }

    @Test
    void responseFromChatInterface4IsTheString() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.chatInterface4(), TOKENS)) {
            JsonNode outputs = run.completedOutputs(4, null, json("[\"Hello\",null,\"S\",0.7]"));
            assertThat(text(ChatFormat.RESPONSE, 0, outputs.get(0))).isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void responseFromChatInterface5WithAThinkingMessage() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.chatInterface5Thinking(), TOKENS)) {
            JsonNode outputs = run.completedOutputs(6, null, json("[\"Hello\",null,\"S\",0.7]"));
            assertThat(text(ChatFormat.RESPONSE, 0, outputs.get(0)))
                    .isEqualTo(new ChatReply.Text("Hi there", "Considering: Hello"));
        }
    }

    @Test
    void gradio5MessagesTakeTheLastTurnAndTreatTitledMessagesAsReasoning() throws Exception {
        JsonNode chatbot = json("[{\"role\":\"user\",\"metadata\":null,\"content\":\"Old\",\"options\":null},"
                + "{\"role\":\"assistant\",\"metadata\":null,\"content\":\"Old answer\",\"options\":null},"
                + "{\"role\":\"user\",\"metadata\":null,\"content\":\"Hello\",\"options\":null},"
                + "{\"role\":\"assistant\",\"metadata\":{\"title\":\"Thinking\",\"status\":\"done\"},"
                + "\"content\":\"Hmm.\",\"options\":null},"
                + "{\"role\":\"assistant\",\"metadata\":{\"title\":null},\"content\":\"Hi there\",\"options\":null}]");
        assertThat(text(ChatFormat.MESSAGES, 1, chatbot)).isEqualTo(new ChatReply.Text("Hi there", "Hmm."));
    }

    @Test
    void gradio6TypedPartsAreRead() throws Exception {
        JsonNode chatbot = json("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi\",\"type\":\"text\"},"
                + "{\"type\":\"file\",\"file\":{\"path\":\"x.png\"}},{\"text\":\" there\",\"type\":\"text\"}]}]");
        assertThat(text(ChatFormat.TYPED_MESSAGES, 1, chatbot)).isEqualTo(new ChatReply.Text("Hi there", ""));
    }

    @Test
    void emptyChatbotsAndPendingBotSidesAreEmptyText() throws Exception {
        assertThat(text(ChatFormat.TUPLES, 1, json("[]")).isEmpty()).isTrue();
        assertThat(text(ChatFormat.TUPLES, 1, json("[[\"Hello\",null]]")).isEmpty()).isTrue();
        assertThat(text(ChatFormat.MESSAGES, 1, json("[{\"role\":\"user\",\"content\":\"Hello\"}]")).isEmpty()).isTrue();
        assertThat(text(ChatFormat.MGR, 5, json("{\"__type__\":\"update\",\"loading\":true}")).isEmpty()).isTrue();
    }

    @Test
    void aValueOfTheWrongShapeIsUnreadableAndSaysWhatWasSeen() throws Exception {
        JsonNode messages = json("[{\"role\":\"user\",\"metadata\":null,\"content\":\"Hello\",\"options\":null},"
                + "{\"role\":\"assistant\",\"metadata\":null,\"content\":\"Secret answer\",\"options\":null}]");
        ChatReply reply = ReplyExtractor.extract(ChatFormat.TUPLES, 1, messages);
        assertThat(reply).isInstanceOf(ChatReply.Unreadable.class);
        String message = ((ChatReply.Unreadable) reply).message();
        assertThat(message).startsWith("Output 1 of the chat endpoint holds a list of 2 items, the last an object "
                + "with keys [role, metadata, content, options], which is not a TUPLES chatbot value")
                .doesNotContain("Secret");
        assertThat(ReplyExtractor.extract(ChatFormat.MESSAGES, 1, json("[[\"a\",\"b\"]]")))
                .isInstanceOf(ChatReply.Unreadable.class);
        assertThat(ReplyExtractor.extract(ChatFormat.RESPONSE, 0, json("null")))
                .isEqualTo(new ChatReply.Unreadable(0, ChatFormat.RESPONSE, "null"));
        assertThat(ReplyExtractor.extract(ChatFormat.RESPONSE, 0, json("[1]")))
                .isInstanceOf(ChatReply.Unreadable.class);
        assertThat(ReplyExtractor.extract(ChatFormat.MGR, 5, null))
                .isEqualTo(new ChatReply.Unreadable(5, ChatFormat.MGR, "no value"));
    }
}
