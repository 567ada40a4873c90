package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.g4j.gradio.GradioClientTest.CLOSE;
import static dev.g4j.gradio.GradioClientTest.DONE;
import static dev.g4j.gradio.GradioClientTest.ESTIMATION;
import static dev.g4j.gradio.GradioClientTest.EV;
import static dev.g4j.gradio.GradioClientTest.GEN1;
import static dev.g4j.gradio.GradioClientTest.GEN2;
import static dev.g4j.gradio.GradioClientTest.GEN3;
import static dev.g4j.gradio.GradioClientTest.HEARTBEAT;
import static dev.g4j.gradio.GradioClientTest.STARTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoder alone: bytes in, events out, no server (docs/gradio-protocol.md, sections "Framing" and "Messages"). */
class GradioStreamDecoderTest {
    private static byte[] stream(String lineEnd, String... messages) {
        StringBuilder sb = new StringBuilder();
        for (String m : messages) {
            sb.append("data: ").append(m).append(lineEnd).append(lineEnd);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private record Seen(List<GradioEvent> events, List<String> replies) {
    }

    private static Seen decode(byte[] bytes, int chunk) {
        List<GradioEvent> events = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        GradioStreamDecoder d = new GradioStreamDecoder(true, 1 << 20, e -> {
            events.add(e);
            if (e instanceof GradioEvent.Generating g) {
                replies.add(g.outputs().get(1).at("/0/1/text").asText());
            }
        });
        for (int off = 0; off < bytes.length; off += chunk) {
            d.feed(bytes, off, Math.min(chunk, bytes.length - off));
        }
        assertThat(d.messages()).isEqualTo(events.size() + 2); // heartbeat and close_stream make no event
        return new Seen(events, replies);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 1 << 16})
    void theTranscriptDecodesTheSameWhateverTheSplits(int chunk) {
        for (String eol : List.of("\n", "\r\n", "\r")) {
            Seen s = decode(stream(eol, ESTIMATION, STARTS, HEARTBEAT, GEN1, GEN2, GEN3, DONE, CLOSE), chunk);
            assertThat(s.events()).hasSize(6);
            assertThat(s.events().get(0)).isEqualTo(new GradioEvent.Queued(EV, 0, 1, 4.21));
            assertThat(s.replies()).containsExactly("Hi", "Hi there", "Hi there!");
            GradioEvent.Completed done = (GradioEvent.Completed) s.events().get(5);
            assertThat(done.hasData()).isTrue();
            JsonNode bubble = done.outputs().get(1).at("/0/1/text");
            assertThat(bubble.asText()).isEqualTo("Hi there!");
        }
    }

    @Test
    void failuresAreTyped() {
        GradioStreamDecoder d = new GradioStreamDecoder(true, 1024, e -> { });
        byte[] bad = stream("\n", "{not json");
        assertThatThrownBy(() -> d.feed(bad, 0, bad.length)).isInstanceOf(GradioProtocolException.class).hasMessageContaining("not JSON");

        GradioStreamDecoder small = new GradioStreamDecoder(true, 1024, e -> { });
        byte[] big = stream("\n", "{\"msg\":\"log\",\"log\":\"" + "x".repeat(2000) + "\"}");
        assertThatThrownBy(() -> small.feed(big, 0, big.length)).isInstanceOf(GradioProtocolException.class).hasMessageContaining("1024");

        GradioStreamDecoder remote = new GradioStreamDecoder(true, 1024, e -> { });
        byte[] failed = stream("\n", "{\"msg\":\"process_completed\",\"event_id\":\"e\",\"output\":{\"error\":\"Model busy\"},\"success\":false}");
        assertThatThrownBy(() -> remote.feed(failed, 0, failed.length)).isInstanceOf(GradioRemoteException.class)
                .hasMessageContaining("Model busy");
    }
}
