package dev.g4j.gradio.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pre-rendered {@code queue/data} body of one Qwen 2.5 answer, byte for byte in the Gradio 4.44.1 shapes of the
 * protocol spec (§11.4, §12.1): {@code estimation}, {@code process_starts}, a first {@code process_generating} with
 * the full chatbot value, one {@code ["append",[0,1,"text"],tok]} diff message per further token, a
 * {@code process_completed} with the full final values, then {@code close_stream}.
 *
 * <p>With stamps, every token's text ends with {@code ~} and a slot of 16 hex digits that a writer overwrites with
 * {@link System#nanoTime()} when it hands the token to the socket ({@link #stamp}); the completed message carries
 * the same slots, so the final text equals the streamed one. Without stamps the tokens are short words (about 4.5
 * characters, one in eight a CJK pair) like a real reply. Immutable; safe to share between threads.
 */
public final class ReplayScript {
    /** The event id every replayed stream uses (each stream has its own session, so they never clash). */
    public static final String EVENT_ID = "6f1c2b9e0d4a4c7f9a3e5b1d2c8f7a60";
    /** The prompt the replayed chat answers. */
    public static final String PROMPT = "Hello";
    /** The width of a stamp slot, in bytes. */
    public static final int STAMP_WIDTH = 16;
    /** The character before each stamp slot. */
    public static final char STAMP_MARK = '~';

    private static final String[] WORDS = {" the", " model", " streams", " a", " reply", " token", " by", " token",
        " and", " 你好", " each", " step", " is", " one", " diff", "."};
    private static final String SYSTEM = QwenChatApp.DEFAULT_SYSTEM;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final int[] tokenStart;
    private final int[] tokenSlot;
    private final int[] trailerSlot;
    private final boolean stamped;

    private ReplayScript(byte[] bytes, int[] tokenStart, int[] tokenSlot, int[] trailerSlot, boolean stamped) {
        this.bytes = bytes;
        this.tokenStart = tokenStart;
        this.tokenSlot = tokenSlot;
        this.trailerSlot = trailerSlot;
        this.stamped = stamped;
    }

    /**
     * Renders a reply of {@code tokens} tokens.
     *
     * @param tokens at least 1
     * @param stamped true to give every token a stamp slot
     */
    public static ReplayScript qwen(int tokens, boolean stamped) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1, got " + tokens);
        }
        List<String> words = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) {
            String w = WORDS[(i * 7 + i / WORDS.length) % WORDS.length];
            words.add(stamped ? w + STAMP_MARK + "0".repeat(STAMP_WIDTH) : w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + tokens * 240);
        frame(out, "{\"msg\":\"estimation\",\"event_id\":\"" + EVENT_ID + "\",\"rank\":0,\"queue_size\":1,\"rank_eta\":null}");
        frame(out, "{\"msg\":\"process_starts\",\"event_id\":\"" + EVENT_ID + "\",\"eta\":null}");
        int[] tokenStart = new int[tokens + 1];
        int[] tokenSlot = new int[tokens];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            tokenStart[i] = out.size();
            String json;
            if (i == 0) {
                json = "{\"msg\":\"process_generating\",\"event_id\":\"" + EVENT_ID + "\",\"output\":{\"data\":[\"\","
                        + chatbot(words.get(0)) + "," + quote(SYSTEM) + "],\"is_generating\":true,\"duration\":0.612,"
                        + "\"average_duration\":0.298,\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
            } else {
                json = "{\"msg\":\"process_generating\",\"event_id\":\"" + EVENT_ID + "\",\"output\":{\"data\":[[],[[\"append\",[0,1,\"text\"],"
                        + quote(words.get(i)) + "]],[]],\"is_generating\":true,\"duration\":0.081,\"average_duration\":0.297,"
                        + "\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
            }
            byte[] frame = frameBytes(json);
            tokenSlot[i] = stamped ? out.size() + lastSlot(frame) : -1;
            out.writeBytes(frame);
            text.append(words.get(i));
        }
        tokenStart[tokens] = out.size();
        String completed = "{\"msg\":\"process_completed\",\"event_id\":\"" + EVENT_ID + "\",\"output\":{\"data\":[\"\","
                + chatbot(text.toString()) + "," + quote(SYSTEM) + "],\"is_generating\":false,\"duration\":0.004,"
                + "\"average_duration\":0.295,\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";
        byte[] completedFrame = frameBytes(completed);
        int[] trailerSlot = new int[stamped ? tokens : 0];
        if (stamped) {
            int found = 0;
            for (int p = 0; p < completedFrame.length && found < tokens; p++) {
                if (completedFrame[p] == STAMP_MARK) {
                    trailerSlot[found++] = out.size() + p + 1;
                }
            }
            if (found != tokens) {
                throw new IllegalStateException("stamp slots lost in the completed message");
            }
        }
        out.writeBytes(completedFrame);
        frame(out, "{\"msg\":\"close_stream\",\"event_id\":null}");
        return new ReplayScript(out.toByteArray(), tokenStart, tokenSlot, trailerSlot, stamped);
    }

    /** The whole body, with zeroed stamp slots. Do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** The number of tokens. */
    public int tokens() {
        return tokenSlot.length;
    }

    /** The number of SSE messages: 2 before the tokens, one per token, completed and close_stream. */
    public int messages() {
        return tokens() + 4;
    }

    /** True when the tokens carry stamp slots. */
    public boolean stamped() {
        return stamped;
    }

    /** Where the message of token {@code i} starts; {@code tokenStart(tokens())} is where the trailer starts. */
    public int tokenStart(int i) {
        return tokenStart[i];
    }

    /** The absolute offset of the stamp slot of token {@code i} in its own message; -1 without stamps. */
    public int tokenSlot(int i) {
        return tokenSlot[i];
    }

    /** The absolute offset of the stamp slot of token {@code i} in the completed message. */
    public int trailerSlot(int i) {
        return trailerSlot[i];
    }

    /** Writes {@code nanos} as 16 lowercase hex digits at {@code at} in {@code target}. */
    public static void stamp(byte[] target, int at, long nanos) {
        for (int k = STAMP_WIDTH - 1; k >= 0; k--) {
            target[at + k] = HEX[(int) (nanos & 0xF)];
            nanos >>>= 4;
        }
    }

    /**
     * Reads the stamp that follows the first {@link #STAMP_MARK} at or after {@code from} in {@code text}.
     *
     * @return the stamp, or {@link Long#MIN_VALUE} when there is none
     */
    public static long readStamp(CharSequence text, int from) {
        for (int i = from; i + STAMP_WIDTH < text.length(); i++) {
            if (text.charAt(i) == STAMP_MARK) {
                long v = 0;
                for (int k = 1; k <= STAMP_WIDTH; k++) {
                    int d = Character.digit(text.charAt(i + k), 16);
                    if (d < 0) {
                        return Long.MIN_VALUE;
                    }
                    v = (v << 4) | d;
                }
                return v;
            }
        }
        return Long.MIN_VALUE;
    }

    private static String chatbot(String botText) {
        return "[[" + message(PROMPT) + "," + message(botText) + "]]";
    }

    private static String message(String text) {
        return "{\"id\":null,\"elem_id\":null,\"elem_classes\":null,\"name\":null,\"text\":" + quote(text)
                + ",\"flushing\":null,\"avatar\":\"\",\"files\":null}";
    }

    private static String quote(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void frame(ByteArrayOutputStream out, String json) {
        out.writeBytes(frameBytes(json));
    }

    private static byte[] frameBytes(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static int lastSlot(byte[] frame) {
        for (int p = frame.length - 1; p >= 0; p--) {
            if (frame[p] == STAMP_MARK) {
                return p + 1;
            }
        }
        throw new IllegalStateException("no stamp slot in a token message");
    }
}
