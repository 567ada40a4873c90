package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.gradiochat.ChatFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker's per-delta path: tail appends, path matching, and the comparison of long texts at completion. */
class ReplyTrackerDeltaTest {
    private final ReplyTracker tracker = new ReplyTracker(ChatFormat.TUPLES, 0);
    private final List<ResponseChunk> chunks = new ArrayList<>();
    private JsonNode value;

    private final OutputState state = new OutputState() {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public JsonNode get(int index) {
            return value;
        }

        @Override
        public boolean outOfSync() {
            return false;
        }

        @Override
        public List<JsonNode> copy() {
            return List.of(value.deepCopy());
        }
    };

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static JsonNode tuples(String bot) {
        return F.arrayNode().add(F.arrayNode().add("Hello").add(bot));
    }

    private void full(String bot) {
        value = tuples(bot);
        tracker.onGenerating(state, List.of(new OutputChange(0, DiffOp.REPLACE, List.of(), value)), chunks);
    }

    private void append(List<Object> path, String... deltas) {
        List<OutputChange> changes = new ArrayList<>();
        String bot = value.get(0).get(1).textValue();
        for (String d : deltas) {
            changes.add(new OutputChange(0, DiffOp.APPEND, path, TextNode.valueOf(d)));
            bot += d;
        }
        value = tuples(bot);
        tracker.onGenerating(state, changes, chunks);
    }

    @Test
    void aLoneTailAppendIsEmittedAsTheDeltaItself() {
        full("Hi");
        String delta = new String(" there");
        append(List.of(0, 1), delta);
        assertThat(chunks).hasSize(2);
        assertThat(((ResponseChunk.Text) chunks.get(1)).text()).isSameAs(delta);
        assertThat(tracker.text()).isEqualTo("Hi there");
    }

    @Test
    void severalTailAppendsInOneMessageAreOneDeltaAndEmptyOnesNone() {
        full("Hi");
        append(List.of(0, 1), " the", "", "re");
        append(List.of(0, 1), "", "");
        append(List.of(0, 1), "!");
        assertThat(chunks).containsExactly(ResponseChunk.text("Hi"), ResponseChunk.text(" there"), ResponseChunk.text("!"));
    }

    @Test
    void equalPathsMatchWhateverTheListInstance() {
        full("a");
        append(List.of(0, 1), "b");
        append(new ArrayList<>(List.of(0, 1)), "c");
        append(List.of(0, 1), "d");
        List<Object> shared = List.of(0, 1);
        append(shared, "e");
        append(shared, "f");
        assertThat(chunks).extracting(c -> ((ResponseChunk.Text) c).text()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(tracker.text()).isEqualTo("abcdef");
    }

    @Test
    void anAppendElsewhereIsReadAgainInsteadOfTakenAsADelta() {
        full("Hi");
        append(List.of(0, 1), "!");
        // an append to the user side: not the answer, so the tracker re-reads the value and finds nothing new
        value = F.arrayNode().add(F.arrayNode().add("Hello you").add("Hi!"));
        tracker.onGenerating(state, List.of(new OutputChange(0, DiffOp.APPEND, List.of(0, 0), TextNode.valueOf(" you"))),
                chunks);
        append(List.of(0, 1), "?");
        assertThat(chunks).containsExactly(ResponseChunk.text("Hi"), ResponseChunk.text("!"), ResponseChunk.text("?"));
    }

    @Test
    void aLongCompletionIsComparedExactly() {
        String text = "\u4f60\u597d, ".repeat(20_000);
        full(text);
        value = tuples(text);
        assertThat(tracker.onCompleted(state, chunks)).isEmpty();
        assertThat(chunks).hasSize(1);

        value = tuples(text + "end");
        assertThat(tracker.onCompleted(state, chunks)).isEmpty();
        assertThat(chunks.get(1)).isEqualTo(ResponseChunk.text("end"));

        // the same length, one character changed near the start: a replacement, not a delta
        String changed = "X" + text.substring(1) + "end";
        value = tuples(changed);
        assertThat(tracker.onCompleted(state, chunks)).isEmpty();
        assertThat(chunks.get(2)).isEqualTo(ResponseChunk.replaced(changed));
        assertThat(tracker.text()).isEqualTo(changed);
    }
}
