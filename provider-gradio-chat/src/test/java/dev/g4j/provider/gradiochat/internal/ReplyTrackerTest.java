package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.tck.ChunkRecorder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moved from provider-qwen25 (its BotReplyExtractorTest): feeds the tracker the state and change lists the Gradio client would publish for the Space's outputs
 * {@code [textbox, chatbot, system]}, and checks the chunks and that folding them gives the final text.
 */
class ReplyTrackerTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int CHATBOT = 1;

    private final ReplyTracker tracker = new ReplyTracker(ChatFormat.MGR, CHATBOT);
    private final List<ResponseChunk> chunks = new ArrayList<>();
    private ArrayNode chatbot = F.arrayNode();
    private boolean outOfSync;

    private final OutputState state = new OutputState() {
        @Override
        public int size() {
            return 3;
        }

        @Override
        public JsonNode get(int index) {
            return index == CHATBOT ? chatbot : TextNode.valueOf("");
        }

        @Override
        public boolean outOfSync() {
            return outOfSync;
        }

        @Override
        public List<JsonNode> copy() {
            return List.of(TextNode.valueOf(""), chatbot.deepCopy(), TextNode.valueOf(""));
        }
    };

    private static ObjectNode message(String text) {
        ObjectNode m = F.objectNode();
        for (String k : List.of("id", "elem_id", "elem_classes", "name")) {
            m.putNull(k);
        }
        m.put("text", text);
        m.putNull("flushing");
        m.put("avatar", "");
        m.putNull("files");
        return m;
    }

    private static ArrayNode pair(String user, String bot) {
        return F.arrayNode().add(message(user)).add(message(bot));
    }

    /** The first generating message: the whole chatbot value. */
    private void full(ArrayNode value) {
        chatbot = value;
        feed(new OutputChange(0, DiffOp.REPLACE, List.of(), TextNode.valueOf("")),
                new OutputChange(CHATBOT, DiffOp.REPLACE, List.of(), value),
                new OutputChange(2, DiffOp.REPLACE, List.of(), TextNode.valueOf("sys")));
    }

    /** A diff message appending {@code delta} to the bot text of pair {@code pairIndex}. */
    private void append(int pairIndex, String delta) {
        ObjectNode bot = (ObjectNode) chatbot.get(pairIndex).get(1);
        bot.put("text", bot.get("text").textValue() + delta);
        feed(new OutputChange(CHATBOT, DiffOp.APPEND, List.of(pairIndex, 1, "text"), TextNode.valueOf(delta)));
    }

    private void replace(int pairIndex, String text) {
        ((ObjectNode) chatbot.get(pairIndex).get(1)).put("text", text);
        feed(new OutputChange(CHATBOT, DiffOp.REPLACE, List.of(pairIndex, 1, "text"), TextNode.valueOf(text)));
    }

    private void feed(OutputChange... changes) {
        tracker.onGenerating(state, List.of(changes), chunks);
    }

    private void complete(ArrayNode finalValue) {
        chatbot = finalValue;
        outOfSync = false;
        assertThat(tracker.onCompleted(state, chunks)).isEmpty();
    }

    private String folded() {
        return ChunkRecorder.fold(chunks);
    }

    @Test
    void appendOnlyStreamGivesOneDeltaPerMessageAndNothingAtCompletion() {
        full(F.arrayNode().add(pair("Hello", "Hi")));
        append(0, " there");
        append(0, "!");
        complete(F.arrayNode().add(pair("Hello", "Hi there!")));
        assertThat(chunks).containsExactly(ResponseChunk.text("Hi"), ResponseChunk.text(" there"), ResponseChunk.text("!"));
        assertThat(folded()).isEqualTo("Hi there!");
    }

    @Test
    void firstMessageWithAnEmptyBotSideEmitsNothing() {
        full(F.arrayNode().add(pair("Hello", "")));
        append(0, "Hi");
        complete(F.arrayNode().add(pair("Hello", "Hi")));
        assertThat(chunks).containsExactly(ResponseChunk.text("Hi"));
    }

    @Test
    void followsTheLastPairAndIgnoresTheHistory() {
        full(F.arrayNode().add(pair("Hello", "Hi there!")).add(pair("Tell me a joke", "Why")));
        append(1, " did");
        feed(new OutputChange(CHATBOT, DiffOp.REPLACE, List.of(0, 1, "text"), TextNode.valueOf("ignored")),
                new OutputChange(CHATBOT, DiffOp.APPEND, List.of(1, 0, "text"), TextNode.valueOf("ignored")));
        append(1, " the");
        complete(F.arrayNode().add(pair("Hello", "Hi there!")).add(pair("Tell me a joke", "Why did the")));
        assertThat(chunks).containsExactly(ResponseChunk.text("Why"), ResponseChunk.text(" did"), ResponseChunk.text(" the"));
        assertThat(folded()).isEqualTo("Why did the");
    }

    @Test
    void twoEqualConsecutiveTokensAreTwoTokens() {
        full(F.arrayNode().add(pair("q", "ha")));
        append(0, "ha");
        append(0, "ha");
        complete(F.arrayNode().add(pair("q", "hahaha")));
        assertThat(chunks).containsExactly(ResponseChunk.text("ha"), ResponseChunk.text("ha"), ResponseChunk.text("ha"));
        assertThat(folded()).isEqualTo("hahaha");
    }

    @Test
    void anAllEmptyEditMessageEmitsNothing() {
        full(F.arrayNode().add(pair("q", "Hi")));
        feed();
        feed(new OutputChange(CHATBOT, DiffOp.APPEND, List.of(0, 1, "text"), TextNode.valueOf("")));
        complete(F.arrayNode().add(pair("q", "Hi")));
        assertThat(chunks).containsExactly(ResponseChunk.text("Hi"));
    }

    @Test
    void severalAppendsInOneMessageBecomeOneDelta() {
        full(F.arrayNode().add(pair("q", "a")));
        ((ObjectNode) chatbot.get(0).get(1)).put("text", "abc");
        feed(new OutputChange(CHATBOT, DiffOp.APPEND, List.of(0, 1, "text"), TextNode.valueOf("b")),
                new OutputChange(CHATBOT, DiffOp.APPEND, List.of(0, 1, "text"), TextNode.valueOf("c")));
        assertThat(chunks).containsExactly(ResponseChunk.text("a"), ResponseChunk.text("bc"));
    }

    @Test
    void aCleandocReplaceMidStreamBecomesTextReplacedThenDeltasContinue() {
        full(F.arrayNode().add(pair("q", "Here:")));
        append(0, "\n    x = 1");
        // cleandoc removes the indentation once a second indented line makes it common
        replace(0, "Here:\nx = 1\ny = 2");
        append(0, "\nz = 3");
        complete(F.arrayNode().add(pair("q", "Here:\nx = 1\ny = 2\nz = 3")));
        assertThat(chunks).containsExactly(ResponseChunk.text("Here:"), ResponseChunk.text("\n    x = 1"),
                ResponseChunk.replaced("Here:\nx = 1\ny = 2"), ResponseChunk.text("\nz = 3"));
        assertThat(folded()).isEqualTo("Here:\nx = 1\ny = 2\nz = 3");
    }

    @Test
    void aReplaceThatOnlyExtendsTheTextIsADelta() {
        full(F.arrayNode().add(pair("q", "Hi")));
        replace(0, "Hi you");
        assertThat(chunks).containsExactly(ResponseChunk.text("Hi"), ResponseChunk.text(" you"));
    }

    @Test
    void aNewPairAddedMidStreamIsFollowed() {
        full(F.arrayNode().add(pair("q", "old")));
        chatbot.add(pair("q2", "new"));
        feed(new OutputChange(CHATBOT, DiffOp.ADD, List.of(1), chatbot.get(1)));
        assertThat(chunks).containsExactly(ResponseChunk.text("old"), ResponseChunk.replaced("new"));
    }

    @Test
    void outOfSyncStateEmitsNothingUntilCompletionRepairsIt() {
        full(F.arrayNode().add(pair("q", "Hel")));
        outOfSync = true;
        feed(new OutputChange(CHATBOT, DiffOp.DELETE, List.of(3), null));
        feed(new OutputChange(CHATBOT, DiffOp.APPEND, List.of(0, 1, "text"), TextNode.valueOf("lo")));
        complete(F.arrayNode().add(pair("q", "Hello world")));
        assertThat(chunks).containsExactly(ResponseChunk.text("Hel"), ResponseChunk.text("lo world"));
        assertThat(folded()).isEqualTo("Hello world");
    }

    @Test
    void completionThatDisagreesWithTheStreamedTextIsATextReplaced() {
        full(F.arrayNode().add(pair("q", "Hello")));
        append(0, " wrld");
        complete(F.arrayNode().add(pair("q", "Hello world")));
        assertThat(chunks).last().isEqualTo(ResponseChunk.replaced("Hello world"));
        assertThat(folded()).isEqualTo("Hello world");
    }

    @Test
    void completionWithoutDataKeepsWhatWasStreamed() {
        full(F.arrayNode().add(pair("q", "partial")));
        // a completion without data (cancelled on the server) is not given to the tracker
        assertThat(tracker.text()).isEqualTo("partial");
    }

    @Test
    void plainStringPairsAndBubbleListsAreRead() {
        full(F.arrayNode().add(F.arrayNode().add("q").add("plain")));
        complete(F.arrayNode().add(F.arrayNode().add("q").add(F.arrayNode().add(message("plain")).add(message("more")))));
        assertThat(folded()).isEqualTo("plain\n\nmore");
    }

    @Test
    void completionWithNullOutputsGivesAnEmptyAnswer() {
        chatbot = null;
        OutputState empty = new OutputState() {
            public int size() {
                return 3;
            }

            public JsonNode get(int index) {
                return F.nullNode();
            }

            public boolean outOfSync() {
                return false;
            }

            public List<JsonNode> copy() {
                return List.of();
            }
        };
        assertThat(tracker.onCompleted(empty, chunks)).isEmpty();
        assertThat(tracker.text()).isEmpty();
    }

    @Test
    void appendsCostTimeProportionalToTheDeltaNotToTheText() {
        full(F.arrayNode().add(pair("q", "x")));
        int messages = 200_000;
        List<OutputChange> oneToken = List.of(new OutputChange(CHATBOT, DiffOp.APPEND, List.of(0, 1, "text"), TextNode.valueOf("x")));
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            // the state's text is not grown here: an append must not need to read it
            tracker.onGenerating(state, oneToken, chunks);
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tracker.text()).hasSize(messages + 1);
        assertThat(elapsedMs).as("a quadratic extractor would need minutes").isLessThan(5_000);
    }
}
