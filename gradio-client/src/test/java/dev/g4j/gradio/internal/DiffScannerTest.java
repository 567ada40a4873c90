package dev.g4j.gradio.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written reader of edit-list messages: it accepts the common shape, and for every message it accepts it
 * reads exactly what the Jackson path reads; anything else is left to Jackson (it answers null).
 */
class DiffScannerTest {
    private static final String TOKEN = "{\"msg\":\"process_generating\",\"event_id\":\"abc123\",\"output\":{\"data\":[[],"
            + "[[\"append\",[0,1,\"text\"],\"tok\"]],[]],\"is_generating\":true,\"duration\":0.081,\"average_duration\":0.297,"
            + "\"render_config\":null,\"changed_state_ids\":[]},\"success\":true}";

    @Test
    void readsTheCommonTokenMessage() {
        Message m = new DiffScanner().scan(bytes(TOKEN), 0, bytes(TOKEN).length);
        assertThat(m).isNotNull();
        assertThat(m.type()).isEqualTo("process_generating");
        assertThat(m.eventId()).isEqualTo("abc123");
        assertThat(m.outputs()).isEqualTo(3);
        assertThat(m.edits()).containsExactly(new OutputChange(1, DiffOp.APPEND, List.of(0, 1, "text"), TextNode.valueOf("tok")));
        assertThat(m.json()).isEqualTo(bytes(TOKEN));
        assertSameAsJackson(TOKEN);
    }

    @Test
    void readsAMessageInsideALargerBufferAndReusesIdAndPath() {
        DiffScanner scanner = new DiffScanner();
        byte[] framed = bytes("data: " + TOKEN + "\n\n");
        Message a = scanner.scan(framed, 6, TOKEN.length());
        Message b = scanner.scan(framed, 6, TOKEN.length());
        assertThat(b.eventId()).isSameAs(a.eventId());
        assertThat(b.edits().get(0).path()).isSameAs(a.edits().get(0).path());
        assertThat(a.json()).isEqualTo(bytes(TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // escapes, non-ASCII text, whitespace, several edits and outputs, deletes, other field orders
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0,1,\"text\"],\"a\\nb\\\"c\\\\\\u00e9\\ud83d\\ude00/\\/\"]]]},\"success\":true}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0,1,\"text\"],\"你好，世界 😀\"]]]},\"success\":true}",
        " { \"msg\" : \"process_generating\" , \"event_id\" : \"e\" , \"output\" : { \"data\" : [ [ [ \"append\" , [ 0 , 1 , \"text\" ] , \"x\" ] ] ] } , \"success\" : true } \n",
        "{\"msg\":\"process_generating\",\"success\":true,\"output\":{\"is_generating\":true,\"data\":[[[\"replace\",[0],\"v\"],[\"delete\",[1]],[\"add\",[-0,\"k\"],\"\"]],[]]},\"event_id\":null}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"x\":{\"a\":[1,-2.5e+3,0.0,true,false,null,\"s\\t\",{}]},\"output\":{\"data\":[]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[999999999,\"text\"],\"x\"]]]}}",
        // shapes the scanner leaves to Jackson (each must still agree with it)
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[2147483647,\"text\"],\"x\"]]]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[4294967296],\"x\"]]]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"replace\",[0],{\"a\":1}]]]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[\"\",[[\"u\",\"b\"]],\"s\"]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\"]]]},\"success\":false}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\"]]]},\"m\\u0073g\":\"heartbeat\"}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"d\\u0061ta\":[],\"data\":[[[\"append\",[0],\"x\"]]]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\"]]],\"data\":[]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\",1]]]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[01],\"x\"]]]}}",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\"]]]}} x",
        "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\"]]],\"n\":NaN}}",
        "{\"output\":{\"data\":[[[\"append\",[0],\"x\"]]]},\"msg\":\"process_generating\",\"event_id\":\"e\"}",
        "{\"msg\":\"process_completed\",\"event_id\":\"e\",\"output\":{\"data\":[]},\"success\":true}",
        "{\"msg\":\"heartbeat\"}",
    })
    void agreesWithJackson(String json) {
        assertSameAsJackson(json);
    }

    @Test
    void leavesMalformedUtf8AndControlCharactersToJackson() {
        String head = "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"";
        String tail = "\"]]]}}";
        byte[][] bodies = {{(byte) 0xc3}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {0x01}, {'\\', 'x'}, {'\\', 'u', '1'}};
        for (byte[] body : bodies) {
            byte[] msg = concat(bytes(head), body, bytes(tail));
            assertThat(new DiffScanner().scan(msg, 0, msg.length)).as("bytes %s", java.util.Arrays.toString(body)).isNull();
            // also amid valid text beyond ASCII, which the scanner decodes by another way
            msg = concat(bytes(head + "你好 é"), body, bytes("😀 x" + tail));
            assertThat(new DiffScanner().scan(msg, 0, msg.length)).as("bytes %s", java.util.Arrays.toString(body)).isNull();
        }
        byte[][] more = {{(byte) 0xed, (byte) 0xbf, (byte) 0xbf}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xe4, (byte) 0xbd}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xfe}, {(byte) 0xc1, (byte) 0xbf}};
        for (byte[] body : more) {
            byte[] msg = concat(bytes(head + "你"), body, bytes(tail));
            assertThat(new DiffScanner().scan(msg, 0, msg.length)).as("bytes %s", java.util.Arrays.toString(body)).isNull();
        }
    }

    @Test
    void readsTextBeyondAsciiLikeJacksonEvenWithAReplacementCharacter() {
        String head = "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"";
        String tail = "\"]]]}}";
        for (String text : new String[] {"你好，世界", " 😀", "é", "a\uFFFDb", "\uFFFD", "你\\n好", "\uFFFD\\u00e9",
            "\uFFFF\uFFFE", "𐍈" + "x".repeat(40) + "é"}) {
            assertThat(assertSameAsJackson(head + text + tail)).as(text).isTrue();
        }
    }

    @Test
    void leavesDeepNestingLongNumbersAndTruncationToJackson() {
        String head = "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0],\"x\"]]],\"n\":";
        String[] hostile = {
            head + "[".repeat(100_000) + "]".repeat(100_000) + "}}",
            head + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}}",
            head + "1".repeat(101) + "}}",
            head + "0." + "5".repeat(200) + "}}",
        };
        for (String json : hostile) {
            byte[] b = bytes(json);
            assertThat(new DiffScanner().scan(b, 0, b.length)).isNull();
        }
        byte[] whole = bytes(TOKEN);
        DiffScanner scanner = new DiffScanner();
        for (int n = 0; n < whole.length; n++) {
            assertThat(scanner.scan(whole, 0, n)).as("the first %d bytes", n).isNull();
        }
        assertThat(scanner.scan(whole, 0, whole.length)).isNotNull();
    }

    /** Random edits of real messages: whatever the scanner accepts, Jackson reads the same way. */
    @Test
    void randomMutationsNeverMakeItDisagreeWithJackson() {
        Random random = new Random(42);
        String[] seeds = {TOKEN, "{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0,1,\"text\"],"
                + "\"a\\n\\u00e9é\"],[\"delete\",[2]]],[]],\"x\":[1.5,{\"y\":null}]},\"success\":true}"};
        String alphabet = "{}[],:\"\\ 0123456789-+.eEtrufalsn\u00e9x\n";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds[i % seeds.length]);
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            if (assertSameAsJackson(s.toString())) {
                accepted++;
            }
        }
        assertThat(accepted).as("some mutations stay valid and are read by the scanner").isPositive();
    }

    /**
     * One scanner over a stream of mutated messages, as on a real stream: what it keeps from one message (event id,
     * path bytes) never changes how it reads the next.
     */
    @Test
    void aScannerReadsEachMessageOfAStreamLikeAFreshOne() {
        Random random = new Random(11);
        String[] seeds = {TOKEN,
            "{\"msg\":\"process_generating\",\"event_id\":\"abc124\",\"output\":{\"data\":[[[\"append\",[0,1,\"text\"],\"x\"],"
                + "[\"append\",[0,1],\"y\"]]],\"duration\":1e-3},\"success\":true}",
            "{\"msg\":\"process_generating\",\"event_id\":\"abc\\u0031\",\"output\":{\"data\":[[[\"append\",[0, 1,\"te\\u0078t\"],\"z\"]]]}}",
            "{\"msg\":\"process_generating\",\"event_id\":\"abc123\",\"output\":{\"data\":[[[\"append\",[0,1,\"text\",2],\"\"]],[]]}}"};
        String alphabet = "{}[],:\"\\ 0123456789-+.eEtrufalsn\u00e9x\n你\uFFFD😀";
        DiffScanner shared = new DiffScanner();
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int k = random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            byte[] b = bytes(s.toString());
            Message fresh = new DiffScanner().scan(b, 0, b.length);
            Message streamed = shared.scan(b, 0, b.length);
            if (fresh == null) {
                assertThat(streamed).as(s.toString()).isNull();
                continue;
            }
            accepted++;
            assertThat(streamed).as(s.toString()).isNotNull();
            assertThat(streamed.eventId()).as(s.toString()).isEqualTo(fresh.eventId());
            assertThat(streamed.outputs()).as(s.toString()).isEqualTo(fresh.outputs());
            assertThat(streamed.edits()).as(s.toString()).isEqualTo(fresh.edits());
            assertSameAsJackson(s.toString());
        }
        assertThat(accepted).as("most messages stay valid").isGreaterThan(5_000);
    }

    @Test
    void theWordAtATimeSearchFindsTheFirstSpecialByteAnywhere() {
        Random random = new Random(7);
        byte[] specials = {'"', '\\', 0x00, 0x1f, (byte) 0x80, (byte) 0xff, (byte) 0xc3};
        byte[] plain = {' ', '!', '#', '[', ']', '~', 0x7f, 'a', '0', '!' + 1, 0x21, 0x5b, 0x5d};
        for (int n = 0; n < 40; n++) {
            for (int trial = 0; trial < 200; trial++) {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = random.nextInt(6) == 0 ? specials[random.nextInt(specials.length)] : plain[random.nextInt(plain.length)];
                }
                int from = n == 0 ? 0 : random.nextInt(n);
                int expected = from;
                while (expected < n && a[expected] != '"' && a[expected] != '\\' && a[expected] >= 0x20) {
                    expected++;
                }
                assertThat(DiffScanner.plainEnd(a, from, n)).as("%s from %d", java.util.Arrays.toString(a), from)
                        .isEqualTo(expected);
                int key = from;
                while (key < n && a[key] >= '#' && a[key] != '\\') {
                    key++;
                }
                byte[] padded = java.util.Arrays.copyOf(a, n + 8); // the field name search reads whole words
                java.util.Arrays.fill(padded, n, n + 8, (byte) '"');
                assertThat(DiffScanner.keyEnd(padded, from)).as("%s from %d", java.util.Arrays.toString(a), from)
                        .isEqualTo(key);
            }
        }
    }

    /** Random byte edits of text beyond ASCII, with bytes that break UTF-8: never read otherwise than by Jackson. */
    @Test
    void randomByteMutationsOfTextBeyondAsciiNeverMakeItDisagreeWithJackson() {
        Random random = new Random(5);
        byte[] seed = bytes("{\"msg\":\"process_generating\",\"event_id\":\"e\",\"output\":{\"data\":[[[\"append\",[0,1,\"text\"],"
                + "\"你好，世界 😀 é\uFFFD ok\"]]]},\"success\":true}");
        byte[] alphabet = {(byte) 0x80, (byte) 0xbf, (byte) 0xc2, (byte) 0xc3, (byte) 0xe4, (byte) 0xed, (byte) 0xef,
            (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff, 'a', '"', '\\', 0x01, (byte) 0xa0, (byte) 0x9f};
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                b[80 + random.nextInt(40)] = alphabet[random.nextInt(alphabet.length)];
            }
            if (assertSameAsJackson(b)) {
                accepted++;
            }
        }
        assertThat(accepted).as("some mutations stay valid and are read by the scanner").isPositive();
    }

    /** @return whether the scanner read the message itself */
    private static boolean assertSameAsJackson(String json) {
        return assertSameAsJackson(bytes(json));
    }

    /** @return whether the scanner read the message itself */
    private static boolean assertSameAsJackson(byte[] b) {
        String json = new String(b, StandardCharsets.UTF_8);
        Message fast = new DiffScanner().scan(b, 0, b.length);
        if (fast == null) {
            return false;
        }
        Message slow = Messages.header(b, 0, b.length, "h");
        assertThat(slow.edits()).as("Jackson reads edits from %s", json).isNotNull();
        assertThat(fast.type()).as(json).isEqualTo(slow.type());
        assertThat(fast.eventId()).as(json).isEqualTo(slow.eventId());
        assertThat(fast.outputs()).as(json).isEqualTo(slow.outputs());
        assertThat(fast.edits()).as(json).isEqualTo(slow.edits());
        assertThat(fast.json()).as(json).isEqualTo(slow.json());
        Messages.read(b, "h"); // a message the scanner accepts is valid JSON for the tree reader too
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
