package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The growing string must read, compare, copy and serialize as the plain concatenation of what was appended. */
class GrowingTextNodeTest {
    private static String token(int i) {
        return i % 7 == 3 ? " 你好" + i : " t" + i;
    }

    @Test
    void manyAppendsReadAsTheConcatenationInOrder() {
        GrowingTextNode node = new GrowingTextNode("start", token(0));
        StringBuilder expected = new StringBuilder("start").append(token(0));
        for (int i = 1; i < 207; i++) {
            node.append(token(i));
            expected.append(token(i));
        }
        assertThat(node.textValue()).isEqualTo(expected.toString());
        assertThat(node.asText()).isEqualTo(expected.toString());
    }

    @Test
    void readingBetweenAppendsNeverLosesOrRepeatsText() {
        GrowingTextNode node = new GrowingTextNode("", "a");
        StringBuilder expected = new StringBuilder("a");
        for (int i = 0; i < 120; i++) {
            node.append(token(i));
            expected.append(token(i));
            if (i % 5 == 0) {
                assertThat(node.textValue()).isEqualTo(expected.toString());
            }
        }
        assertThat(node.textValue()).isEqualTo(expected.toString());
    }

    @Test
    void emptyDeltasChangeNothing() {
        GrowingTextNode node = new GrowingTextNode("x", "");
        for (int i = 0; i < 80; i++) {
            node.append("");
        }
        node.append("y");
        assertThat(node.textValue()).isEqualTo("xy");
    }

    @Test
    void aCopyKeepsTheTextOfItsTimeAndEqualityFollowsTheText() throws Exception {
        GrowingTextNode node = new GrowingTextNode("Hello", ",");
        JsonNode copy = node.deepCopy();
        node.append(" world");
        assertThat(copy).isEqualTo(TextNode.valueOf("Hello,"));
        assertThat(node).isEqualTo(TextNode.valueOf("Hello, world"));
        assertThat(node.hashCode()).isEqualTo("Hello, world".hashCode());
        assertThat(new ObjectMapper().writeValueAsString(node)).isEqualTo("\"Hello, world\"");
    }
}
