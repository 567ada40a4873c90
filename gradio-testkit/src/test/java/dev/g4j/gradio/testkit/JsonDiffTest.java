package dev.g4j.gradio.testkit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDiffTest {

    private static String diff(String old, String updated) {
        return Json.write(JsonDiff.diff(Wire.json(old), Wire.json(updated)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // §8.5 worked examples
        "`\"Hel\"`|`\"Hello\"`|`[[\"append\",[],\"lo\"]]`",
        "`\"Hello\"`|`\"Help\"`|`[[\"replace\",[],\"Help\"]]`",
        "`\"\"`|`\"\"`|`[]`",
        "`\"abc\"`|`\"\"`|`[[\"replace\",[],\"\"]]`",
        "null|`[[\"a\",\"b\"]]`|`[[\"replace\",[],[[\"a\",\"b\"]]]]`",
        "`[[\"hi\",\"A\"]]`|`[[\"hi\",\"AB\"],[\"q\",null]]`|`[[\"append\",[0,1],\"B\"],[\"add\",[1],[\"q\",null]]]`",
        "`[[\"hi\",null]]`|`[[\"hi\",\"A\"]]`|`[[\"replace\",[0,1],\"A\"]]`",
        "`{\"a\":1,\"b\":\"x\"}`|`{\"b\":\"xy\",\"c\":2}`|`[[\"delete\",[\"a\"],null],[\"append\",[\"b\"],\"y\"],[\"add\",[\"c\"],2]]`",
        "`[[{\"text\":\"hi\"},{\"text\":\"Hel\"}]]`|`[[{\"text\":\"hi\"},{\"text\":\"Hello\"}]]`|`[[\"append\",[0,1,\"text\"],\"lo\"]]`",
        "`[[\"q\",\"r\"]]`|`[[\"q\",\"r\"],[\"q2\",\"r2\"]]`|`[[\"add\",[1],[\"q2\",\"r2\"]]]`",
        // §8.6: 4.44.1 deletes with ascending, unshifted indices
        "`[\"a\",\"b\",\"c\",\"d\"]`|`[\"a\",\"b\"]`|`[[\"delete\",[2],null],[\"delete\",[3],null]]`",
        "`[[1,2,3],[4]]`|`[[1],[]]`|`[[\"delete\",[0,1],null],[\"delete\",[0,2],null],[\"delete\",[1,0],null]]`",
        // Python equality and exact types
        "true|1|`[]`",
        "1|1.0|`[]`",
        "1|2.5|`[[\"replace\",[],2.5]]`",
        "1|2|`[[\"replace\",[],2]]`",
        "`\"1\"`|1|`[[\"replace\",[],1]]`",
        "`{\"a\":1,\"b\":2}`|`{\"b\":2,\"a\":1}`|`[]`",
        "`[1]`|`{\"0\":1}`|`[[\"replace\",[],{\"0\":1}]]`",
        "`\"x\"`|null|`[[\"replace\",[],null]]`",
    })
    void matchesGradio4441(String old, String updated, String expected) {
        assertThat(diff(old, updated)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"héllo 🌍\"`|`\"héllo 🌍!\"`|`[[\"append\",[],\"!\"]]`",
        "`\"\"`|`\"x\"`|`[[\"append\",[],\"x\"]]`",
    })
    void appendsOnUnicodePrefixes(String old, String updated, String expected) {
        assertThat(diff(old, updated)).isEqualTo(expected);
    }
}
