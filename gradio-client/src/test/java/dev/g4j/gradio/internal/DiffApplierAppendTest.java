package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consecutive appends through the same path list (as the scanner hands them over) extend the remembered string
 * directly; these tests check that every other change makes the applier walk the path again.
 */
class DiffApplierAppendTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final List<Object> BOT = List.of(0, 1, "text");

    private static ArrayNode outputs(String json) {
        try {
            return (ArrayNode) M.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static OutputChange append(int output, List<Object> path, String delta) {
        return new OutputChange(output, DiffOp.APPEND, path, TextNode.valueOf(delta));
    }

    private static String bot(DiffApplier d, int output) {
        return d.get(output).at("/0/1/text").textValue();
    }

    @Test
    void appendsThroughTheSamePathGrowTheTextAndTheViewShowsEachStep() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("[[[{'text':'Hello'},{'text':'Hi'}]]]"));
        List<JsonNode> before = d.copy();
        for (String delta : List.of(" there", "", "!", " \u4f60\u597d")) {
            assertThat(d.applyEdits(List.of(append(0, BOT, delta)), 1)).hasSize(1);
        }
        assertThat(bot(d, 0)).isEqualTo("Hi there! \u4f60\u597d");
        assertThat(before.get(0).at("/0/1/text").textValue()).as("a copy never changes").isEqualTo("Hi");
        assertThat(d.outOfSync()).isFalse();
    }

    @Test
    void aReplaceOfTheParentBetweenAppendsIsFollowed() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("[[[{'text':'Hello'},{'text':'Hi'}]]]"));
        d.applyEdits(List.of(append(0, BOT, "!")), 1);
        JsonNode fresh = outputs("[{'text':'New'}]").get(0);
        d.applyEdits(List.of(new OutputChange(0, DiffOp.REPLACE, List.of(0, 1), fresh)), 1);
        d.applyEdits(List.of(append(0, BOT, "er")), 1);
        assertThat(bot(d, 0)).isEqualTo("Newer");
    }

    @Test
    void aReplaceAndAnAppendInOneMessageAreAppliedInOrder() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("[[[{'text':'Hello'},{'text':'Hi'}]]]"));
        d.applyEdits(List.of(append(0, BOT, "!")), 1);
        d.applyEdits(List.of(append(0, BOT, "?"),
                new OutputChange(0, DiffOp.REPLACE, BOT, TextNode.valueOf("Re")),
                append(0, BOT, "set")), 1);
        assertThat(bot(d, 0)).isEqualTo("Reset");
    }

    @Test
    void theSamePathInAnotherOutputIsThatOutputsText() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("[[[{'text':'u'},{'text':'a'}]],[[{'text':'u'},{'text':'b'}]]]"));
        d.applyEdits(List.of(append(0, BOT, "1")), 2);
        d.applyEdits(List.of(append(1, BOT, "2")), 2);
        d.applyEdits(List.of(append(0, BOT, "3")), 2);
        assertThat(bot(d, 0)).isEqualTo("a13");
        assertThat(bot(d, 1)).isEqualTo("b2");
    }

    @Test
    void aFullValueReplacesTheRememberedText() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("[[[{'text':'Hello'},{'text':'Hi'}]]]"));
        d.applyEdits(List.of(append(0, BOT, "!")), 1);
        d.applyFull(outputs("[[[{'text':'Hello'},{'text':'Yo'}]]]"));
        d.applyEdits(List.of(append(0, BOT, "!")), 1);
        assertThat(bot(d, 0)).isEqualTo("Yo!");
    }

    @Test
    void aNonStringDeltaThroughTheRememberedPathPutsTheStateOutOfSync() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("[[[{'text':'Hello'},{'text':'Hi'}]]]"));
        d.applyEdits(List.of(append(0, BOT, "!")), 1);
        List<OutputChange> bad = List.of(new OutputChange(0, DiffOp.APPEND, BOT, IntNode.valueOf(3)));
        assertThat(d.applyEdits(bad, 1)).isEmpty();
        assertThat(d.outOfSync()).isTrue();
        assertThat(bot(d, 0)).isEqualTo("Hi!");
        assertThat(d.applyEdits(List.of(append(0, BOT, "?")), 1)).isEmpty();
        assertThat(bot(d, 0)).isEqualTo("Hi!");
    }

    @Test
    void appendsToARootStringUseTheEmptyPath() {
        DiffApplier d = new DiffApplier();
        d.applyFull(outputs("['Hi']"));
        for (String delta : List.of(" a", " b", " c")) {
            d.applyEdits(List.of(append(0, List.of(), delta)), 1);
        }
        assertThat(d.get(0).textValue()).isEqualTo("Hi a b c");
    }
}
