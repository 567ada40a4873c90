package dev.g4j.gradio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each queue protocol implies for the client. */
class GradioEndpointTest {
    static GradioEndpoint on(String protocol) {
        return new GradioEndpoint(3, null, "", protocol, null);
    }

    @Test
    void onlySseV1SendsWholeValuesInEveryGeneratingMessage() {
        assertThat(on("sse_v1").usesDiffs()).isFalse();
        assertThat(on("sse_v2").usesDiffs()).isTrue();
        assertThat(on("sse_v2.1").usesDiffs()).isTrue();
        assertThat(on("sse_v3").usesDiffs()).isTrue();
    }

    @Test
    void theServerEndsTheStreamItselfFromSseV3On() {
        assertThat(on("sse").closesStream()).isFalse();
        assertThat(on("sse_v1").closesStream()).isFalse();
        assertThat(on("sse_v2").closesStream()).isFalse();
        assertThat(on("sse_v2.1").closesStream()).isFalse();
        assertThat(on("sse_v3").closesStream()).isTrue();
        assertThat(on(null).closesStream()).as("no protocol in the config means sse_v3").isTrue();
        assertThat(GradioEndpoint.of(3, null, "").closesStream()).isTrue();
    }
}
