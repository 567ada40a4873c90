package dev.g4j.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Json.quote("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(Json.quote("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(Json.quote("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\\u007f\"");
        assertThat(Json.quote("line\u2028sep\u2029")).isEqualTo("\"line\\u2028sep\\u2029\"");
    }

    @Test
    void leavesOtherUnicodeAlone() {
        assertThat(Json.quote("héllo 世界 😀 /")).isEqualTo("\"héllo 世界 😀 /\"");
    }

    @Test
    void writesFlatObjects() {
        String json = Json.object().put("type", "queue").put("rank", 3).put("eta", 1.5).put("whole", 2.0)
                .put("none", (Double) null).put("nan", Double.NaN).put("s", (String) null).toString();

        assertThat(json).isEqualTo("{\"type\":\"queue\",\"rank\":3,\"eta\":1.5,\"whole\":2,\"none\":null,\"nan\":null,\"s\":null}");
        assertThat(Json.object().toString()).isEqualTo("{}");
    }
}
