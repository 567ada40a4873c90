package dev.g4j.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.g4j.gradio.DiffApplier;
import dev.g4j.gradio.OutputChange;
import dev.g4j.sse.SseEvent;
import dev.g4j.sse.SseParser;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.qwen25.QwenExtractorProbe;

import java.util.List;

/**
 * The client's per-message work on a received stream, without the network: {@link SseParser}, then Jackson
 * {@code readTree} of each event (as the client's session does), then {@link DiffApplier} (a full value for the first
 * {@code process_generating} and for {@code process_completed}, edit lists otherwise, as the client's call state
 * does), then the Qwen provider's text delta extraction. Each {@link Stage} stops after one more step, so the cost of
 * each step is the difference between two stages. One instance decodes one stream; not thread-safe.
 */
public final class DecodePipeline {
    /** How far each event is processed. */
    public enum Stage {
        /** SSE framing and UTF-8 decoding only. */
        SSE,
        /** Plus JSON parsing into a tree. */
        JSON,
        /** Plus the diff application to the output values. */
        DIFF,
        /** Plus the Qwen provider's text delta extraction. */
        EXTRACT
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Stage stage;
    private final SseParser parser;
    private final DiffApplier outputs = new DiffApplier();
    private final QwenExtractorProbe extractor = new QwenExtractorProbe(1);
    private long events;
    private long textChunks;
    private long textChars;

    /** @param stage how far to process each event */
    public DecodePipeline(Stage stage) {
        this.stage = stage;
        this.parser = new SseParser(SseParser.DEFAULT_MAX_EVENT_BYTES, this::onEvent);
    }

    /**
     * Decodes a whole stream fed in chunks of {@code chunk} bytes.
     *
     * @return the number of SSE events
     */
    public static long decode(byte[] body, int chunk, Stage stage, DecodePipeline[] last) {
        DecodePipeline p = new DecodePipeline(stage);
        for (int off = 0; off < body.length; off += chunk) {
            p.parser.feed(body, off, Math.min(chunk, body.length - off));
        }
        if (last != null) {
            last[0] = p;
        }
        return p.events;
    }

    /** Events seen. */
    public long events() {
        return events;
    }

    /** Text chunks the provider would emit. */
    public long textChunks() {
        return textChunks;
    }

    /** Characters of text the provider would emit. */
    public long textChars() {
        return textChars;
    }

    private void onEvent(SseEvent ev) {
        events++;
        if (stage == Stage.SSE) {
            return;
        }
        JsonNode msg;
        try {
            msg = MAPPER.readTree(ev.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String type = msg.path("msg").asText("");
        JsonNode idNode = msg.get("event_id");
        if (idNode != null && !idNode.isNull() && idNode.asText().isEmpty()) {
            throw new IllegalStateException("empty event id");
        }
        if (stage == Stage.JSON) {
            return;
        }
        JsonNode data = msg.path("output").get("data");
        if (type.equals("process_generating")) {
            List<OutputChange> changes = outputs.hasBaseline() ? outputs.applyDiffs((ArrayNode) data)
                    : outputs.applyFull((ArrayNode) data);
            if (stage == Stage.EXTRACT) {
                count(extractor.onGenerating(outputs.view(), changes));
            }
        } else if (type.equals("process_completed")) {
            outputs.applyFull((ArrayNode) data);
            if (stage == Stage.EXTRACT) {
                count(extractor.onCompleted(outputs.view()));
            }
        }
    }

    private void count(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text t) {
            textChunks++;
            textChars += t.text().length();
        } else if (chunk != null) {
            throw new IllegalStateException("unexpected chunk " + chunk);
        }
    }
}
