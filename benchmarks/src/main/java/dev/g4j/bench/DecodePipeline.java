package dev.g4j.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioStreamDecoder;
import dev.g4j.provider.api.ResponseChunk;

import dev.g4j.sse.SseEvent;
import dev.g4j.sse.SseParser;

/**
 * The client's per-message work on a received stream, without the network. {@link Stage#SSE} is the SSE framing
 * alone ({@link SseParser}); {@link Stage#JSON} adds a Jackson {@code readTree} of each event, the tree-based
 * reading the client used before its streaming decoder, kept as a reference; {@link Stage#DIFF} is the client's
 * whole decode path through its exported entry point {@link GradioStreamDecoder} (SSE, message reading, diff
 * application, events); {@link Stage#EXTRACT} adds the Qwen provider's text delta extraction. One instance decodes
 * one stream; not thread-safe.
 */
public final class DecodePipeline {
    /** How far each event is processed. */
    public enum Stage {
        /** SSE framing and UTF-8 decoding only. */
        SSE,
        /** SSE framing plus a JSON tree per event (the former client's reading; a reference). */
        JSON,
        /** The client's decode path: SSE, messages, diffs, events. */
        DIFF,
        /** Plus the Qwen provider's text delta extraction. */
        EXTRACT
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Stage stage;
    private final SseParser parser;
    private final GradioStreamDecoder decoder;
    private final ReplyExtractionProbe extractor = new ReplyExtractionProbe(1);
    private long events;
    private long textChunks;
    private long textChars;

    /** @param stage how far to process each event */
    public DecodePipeline(Stage stage) {
        this.stage = stage;
        if (stage == Stage.SSE || stage == Stage.JSON) {
            this.parser = new SseParser(SseParser.DEFAULT_MAX_EVENT_BYTES, this::onSse);
            this.decoder = null;
        } else {
            this.parser = null;
            this.decoder = new GradioStreamDecoder(true, SseParser.DEFAULT_MAX_EVENT_BYTES, this::onEvent);
        }
    }

    /**
     * Decodes a whole stream fed in chunks of {@code chunk} bytes.
     *
     * @return the number of SSE events
     */
    public static long decode(byte[] body, int chunk, Stage stage, DecodePipeline[] last) {
        DecodePipeline p = new DecodePipeline(stage);
        for (int off = 0; off < body.length; off += chunk) {
            int len = Math.min(chunk, body.length - off);
            if (p.parser != null) {
                p.parser.feed(body, off, len);
            } else {
                p.decoder.feed(body, off, len);
            }
        }
        if (last != null) {
            last[0] = p;
        }
        return p.events();
    }

    /** Events seen. */
    public long events() {
        return decoder != null ? decoder.messages() : events;
    }

    /** Text chunks the provider would emit. */
    public long textChunks() {
        return textChunks;
    }

    /** Characters of text the provider would emit. */
    public long textChars() {
        return textChars;
    }

    private void onSse(SseEvent ev) {
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
        JsonNode idNode = msg.get("event_id");
        if (idNode != null && !idNode.isNull() && idNode.asText().isEmpty()) {
            throw new IllegalStateException("empty event id");
        }
    }

    private void onEvent(GradioEvent ev) {
        if (stage != Stage.EXTRACT) {
            return;
        }
        if (ev instanceof GradioEvent.Generating g) {
            count(extractor.onGenerating(g.outputs(), g.changes()));
        } else if (ev instanceof GradioEvent.Completed c) {
            count(extractor.onCompleted(c.outputs()));
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
