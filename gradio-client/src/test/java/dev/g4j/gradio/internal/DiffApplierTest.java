package dev.g4j.gradio.internal;

import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiffApplierTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return M.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Applies {@code edits} to a single output holding {@code old}; returns the applier. */
    private static DiffApplier apply(String old, String edits) {
        DiffApplier d = new DiffApplier();
        ArrayNode full = M.createArrayNode();
        full.add(json(old));
        d.applyFull(full);
        ArrayNode diff = M.createArrayNode();
        diff.add(json(edits));
        d.applyDiffs(diff);
        return d;
    }

    // The worked examples of protocol spec §8.5 (single quotes stand for double quotes).
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'Hel'                          | [['append',[],'lo']]                                         | 'Hello'",
            "'Hello'                        | [['replace',[],'Help']]                                      | 'Help'",
            "''                             | []                                                           | ''",
            "'abc'                          | [['replace',[],'']]                                          | ''",
            "null                           | [['replace',[],[['a','b']]]]                                 | [['a','b']]",
            "[['hi','A']]                   | [['append',[0,1],'B'],['add',[1],['q',null]]]                | [['hi','AB'],['q',null]]",
            "[['hi',null]]                  | [['replace',[0,1],'A']]                                      | [['hi','A']]",
            "{'a':1,'b':'x'}                | [['delete',['a'],null],['append',['b'],'y'],['add',['c'],2]] | {'b':'xy','c':2}",
            "[[{'id':null,'text':'hi'},{'id':null,'text':'Hel'}]] | [['append',[0,1,'text'],'lo']]   | [[{'id':null,'text':'hi'},{'id':null,'text':'Hello'}]]",
            "[['q','r']]                    | [['add',[1],['q2','r2']]]                                    | [['q','r'],['q2','r2']]",
            "'' | [['append',[],'abc']] | 'abc'",
            "{'a':{'b':[1,{'c':'x'}]}} | [['append',['a','b',1,'c'],'yz'],['add',['a','b',2],3],['delete',['a','b',0],null]] | {'a':{'b':[{'c':'xyz'},3]}}",
    })
    void workedExamples(String old, String edits, String expected) {
        DiffApplier d = apply(old, edits);
        assertThat(d.outOfSync()).isFalse();
        assertThat(d.get(0)).isEqualTo(json(expected));
    }

    @Test
    void changesReportEachEditInOrderWithPathsAndDeltas() {
        DiffApplier d = new DiffApplier();
        List<OutputChange> first = d.applyFull((ArrayNode) json("['',[['u','Hi']],'sys']"));
        assertThat(first).extracting(OutputChange::op).containsOnly(DiffOp.REPLACE);
        assertThat(first).extracting(OutputChange::path).containsOnly(List.of());
        List<OutputChange> ch = d.applyDiffs((ArrayNode) json("[[],[['append',[0,1],' there']],[]]"));
        assertThat(ch).containsExactly(new OutputChange(1, DiffOp.APPEND, List.of(0, 1), json("' there'")));
        assertThat(d.get(1)).isEqualTo(json("[['u','Hi there']]"));
        assertThat(d.size()).isEqualTo(3);
        List<JsonNode> copy = d.copy();
        d.applyDiffs((ArrayNode) json("[[],[['append',[0,1],'!']],[]]"));
        assertThat(copy.get(1)).isEqualTo(json("[['u','Hi there']]"));
        assertThat(d.get(1)).isEqualTo(json("[['u','Hi there!']]"));
    }

    @Test
    void brokenAscendingDeletesMarkOutOfSyncAndTheFullValueRepairs() {
        // ≤ 5.29.0: ["a","b","c","d"] → ["a","b"] is sent as delete [2], delete [3].
        DiffApplier d = apply("['a','b','c','d']", "[['delete',[2],null],['delete',[3],null]]");
        assertThat(d.outOfSync()).isTrue();
        // Keeps the last good value: the first delete went through, the second could not.
        assertThat(d.get(0)).isEqualTo(json("['a','b','d']"));
        // Later edits are skipped while out of sync.
        assertThat(d.applyDiffs((ArrayNode) json("[[['add',[3],'x']]]"))).isEmpty();
        d.applyFull((ArrayNode) json("[['a','b']]"));
        assertThat(d.outOfSync()).isFalse();
        assertThat(d.get(0)).isEqualTo(json("['a','b']"));
    }

    @Test
    void otherUnappliableEditsMarkOutOfSync() {
        assertThat(apply("[[1,2,3],[4]]", "[['delete',[0,1],null],['delete',[0,0],null],['delete',[1,-2],null]]").outOfSync()).isTrue();
        assertThat(apply("'x'", "[['add',[],'y']]").outOfSync()).isTrue();
        assertThat(apply("5", "[['append',[],'y']]").outOfSync()).isTrue();
        assertThat(apply("{'a':1}", "[['append',['b'],'y']]").outOfSync()).isTrue();
        assertThat(apply("[1]", "[['replace',['k'],2]]").outOfSync()).isTrue();
        assertThat(apply("{'a':1}", "[['replace',['a','b'],2]]").outOfSync()).isTrue();
    }

    @Test
    void applyEditOnRootReturnsNewRoot() {
        assertThat(DiffApplier.applyEdit(json("'ab'"), DiffOp.APPEND, List.of(), json("'c'"))).isEqualTo(json("'abc'"));
        assertThat(DiffApplier.applyEdit(json("[1]"), DiffOp.REPLACE, List.of(), json("{}"))).isEqualTo(json("{}"));
    }

    @Test
    void repeatedAppendsGrowOneStringAndCopiesStayFrozen() {
        DiffApplier d = new DiffApplier();
        ArrayNode full = M.createArrayNode();
        full.add(json("[[{'text':'q'},{'text':''}]]"));
        d.applyFull(full);
        StringBuilder expected = new StringBuilder();
        List<JsonNode> snapshot = null;
        for (int i = 0; i < 2000; i++) {
            String token = " same";
            expected.append(token);
            ArrayNode diff = M.createArrayNode();
            diff.add(json("[['append',[0,1,'text'],'" + token + "']]"));
            d.applyDiffs(diff);
            if (i == 999) {
                snapshot = d.copy();
            }
        }
        JsonNode text = d.get(0).get(0).get(1).get("text");
        assertThat(text.isTextual()).isTrue();
        assertThat(text.textValue()).isEqualTo(expected.toString());
        assertThat(text).isEqualTo(M.getNodeFactory().textNode(expected.toString()));
        assertThat(d.get(0).toString()).contains(expected.toString());
        assertThat(snapshot.get(0).get(0).get(1).get("text").textValue()).hasSize(" same".length() * 1000);
        assertThat(d.outOfSync()).isFalse();
    }

    @Test
    void anIndexBeyondTheIntRangeIsRefusedNotWrapped() {
        DiffApplier d = new DiffApplier();
        ArrayNode full = M.createArrayNode();
        full.add(json("['a','b']"));
        d.applyFull(full);
        ArrayNode diff = M.createArrayNode();
        diff.add(json("[['replace',[4294967296],'x']]"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.applyDiffs(diff)).isInstanceOf(DiffException.class)
                .hasMessageContaining("4294967296");
        assertThat(d.get(0).get(0).asText()).isEqualTo("a");
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** Adds {@code value} inside the innermost list of a value nested {@code depth} levels. */
    private static String addInnermost(int depth, String value) {
        return "[['add',[" + "0,".repeat(depth - 1) + "0]," + value + "]]";
    }

    @Test
    void nestingBuiltUpAcrossEditsIsCappedSoCopiesNeverOverflow() {
        DiffApplier fits = apply(nested(60), addInnermost(60, nested(30)));
        assertThat(fits.outOfSync()).isFalse();
        assertThat(DiffApplier.depth(fits.get(0), 1000)).isEqualTo(90);

        DiffApplier tooDeep = apply(nested(60), addInnermost(60, nested(50)));
        assertThat(tooDeep.outOfSync()).as("the edit past the depth cap is refused").isTrue();
        assertThat(DiffApplier.depth(tooDeep.get(0), 1000)).isEqualTo(60);
        assertThat(tooDeep.copy()).hasSize(1);
    }

    @Test
    void aPathLongerThanTheCapIsRefused() {
        DiffApplier d = new DiffApplier();
        ArrayNode full = M.createArrayNode();
        full.add(json("{}"));
        d.applyFull(full);
        ArrayNode diff = M.createArrayNode();
        diff.add(json("[['replace',[" + "'k',".repeat(DiffApplier.MAX_PATH) + "'k'],1]]"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.applyDiffs(diff)).isInstanceOf(DiffException.class)
                .hasMessageContaining("longer than " + DiffApplier.MAX_PATH);
    }
}
