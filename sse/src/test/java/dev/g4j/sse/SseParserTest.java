package dev.g4j.sse;

import dev.g4j.sse.SseEventTooLargeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseParserTest {
    private static List<SseEvent> parse(byte[] bytes, int... cuts) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(1 << 20, out::add);
        int prev = 0;
        for (int c : cuts) {
            p.feed(bytes, prev, c - prev);
            prev = c;
        }
        p.feed(bytes, prev, bytes.length - prev);
        return out;
    }

    private static List<String> data(List<SseEvent> evs) {
        return evs.stream().map(SseEvent::data).toList();
    }

    @Test
    void everySplitPointOfCrlfStreamWithMultiByteCharactersGivesTheSameEvents() {
        String text = "data: {\"a\":\"h\u00e9llo \u4e16\u754c \uD83D\uDE00\"}\r\n\r\n: comment\r\ndata:x\r\ndata: y\r\n\r\n"
                + "event: e\r\nid: 7\r\nretry: 5\r\ndata: \u00fc\r\n\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("{\"a\":\"h\u00e9llo \u4e16\u754c \uD83D\uDE00\"}", "x\ny", "\u00fc");
        assertThat(data(parse(bytes))).isEqualTo(expected);
        for (int i = 0; i <= bytes.length; i++) {
            assertThat(data(parse(bytes, i))).as("cut at %d", i).isEqualTo(expected);
            for (int j = i; j <= bytes.length; j += 7) {
                assertThat(data(parse(bytes, i, j))).as("cuts at %d,%d", i, j).isEqualTo(expected);
            }
        }
        SseEvent last = parse(bytes).get(2);
        assertThat(last.type()).isEqualTo("e");
        assertThat(last.id()).isEqualTo("7");
    }

    @Test
    void byteByByteFeeding() {
        byte[] bytes = "data: a\n\ndata: \u20ac\n\n".getBytes(StandardCharsets.UTF_8);
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(1024, out::add);
        for (byte b : bytes) {
            p.feed(new byte[] {b});
        }
        assertThat(data(out)).containsExactly("a", "\u20ac");
    }

    @Test
    void crOnlyAndLfOnlyLineEnds() {
        assertThat(data(parse("data: a\r\rdata:b\rdata: c\r\r".getBytes(StandardCharsets.UTF_8)))).containsExactly("a", "b\nc");
        for (int i = 0; i < 20; i++) {
            assertThat(data(parse("data: a\n\ndata:b\ndata: c\n\n".getBytes(StandardCharsets.UTF_8), i))).containsExactly("a", "b\nc");
        }
    }

    @Test
    void dataWithAndWithoutSpaceOnlyOneSpaceStripped() {
        assertThat(data(parse("data:x\n\ndata: x\n\ndata:  x\n\ndata\n\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("x", "x", " x", "");
    }

    @Test
    void commentsAndUnknownFieldsAndEventsWithoutDataAreIgnored() {
        assertThat(parse(":hello\n\nfoo: bar\n\nevent: x\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void partialEventAtEndIsNotDispatched() {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(1024, out::add);
        p.feed("data: a\n\ndata: b".getBytes(StandardCharsets.UTF_8));
        assertThat(data(out)).containsExactly("a");
        assertThat(p.hasPartialEvent()).isTrue();
    }

    @Test
    void oversizedEventFailsClearly() {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(100, out::add);
        p.feed(("data: " + "x".repeat(50) + "\n\n").getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(1);
        byte[] big = ("data: " + "y".repeat(60) + "\ndata: " + "z".repeat(60) + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> {
            for (byte b : big) {
                p.feed(new byte[] {b});
            }
        }).isInstanceOf(SseEventTooLargeException.class).hasMessageContaining("100 bytes").hasMessageContaining("maxEventBytes");
        // A single long line without a newline is also caught.
        SseParser q = new SseParser(100, out::add);
        assertThatThrownBy(() -> q.feed(new byte[200])).isInstanceOf(SseEventTooLargeException.class);
    }

    private static List<String> rawData(byte[] bytes, int... cuts) {
        List<String> out = new ArrayList<>();
        SseParser p = SseParser.ofData(1 << 20, (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
        int prev = 0;
        for (int c : cuts) {
            p.feed(bytes, prev, c - prev);
            prev = c;
        }
        p.feed(bytes, prev, bytes.length - prev);
        return out;
    }

    @Test
    void theByteSinkGetsTheSameDataAsTheEventSinkWhateverTheSplits() {
        String text = "data: {\"a\":\"h\u00e9llo \u4e16\u754c \uD83D\uDE00\"}\r\n\r\n: comment\r\ndata:x\r\ndata: y\r\n\r\n"
                + "event: e\r\nid: 7\r\nretry: 5\r\ndata: \u00fc\r\n\r\ndata\ndata: z\n\nevent: only\n\r\r";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected = data(parse(bytes));
        assertThat(expected).hasSize(4);
        for (int i = 0; i <= bytes.length; i++) {
            assertThat(rawData(bytes, i)).as("cut at %d", i).isEqualTo(expected);
        }
    }

    @Test
    void theByteSinkKeepsTheSizeLimit() {
        SseParser p = SseParser.ofData(16, (b, off, len) -> { });
        byte[] big = "data: 0123456789abcdefghij\n\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> p.feed(big, 0, big.length)).isInstanceOf(SseEventTooLargeException.class);
    }

    @Test
    void theByteSinkDoesNotKeepTheCallersChunkPastFeed() {
        // a caller that reuses one buffer for every read: an event open at the end of a chunk must not see the
        // next chunk's bytes in place of its own
        String text = "data: first\n\ndata: second\ndata: third\n\ndata: fourth\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("first", "second\nthird", "fourth");
        for (int size = 1; size <= bytes.length; size++) {
            List<String> out = new ArrayList<>();
            SseParser p = SseParser.ofData(1 << 20, (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
            byte[] reused = new byte[size];
            for (int at = 0; at < bytes.length; at += size) {
                int n = Math.min(size, bytes.length - at);
                System.arraycopy(bytes, at, reused, 0, n);
                p.feed(reused, 0, n);
                java.util.Arrays.fill(reused, (byte) '#');
            }
            assertThat(out).as("chunks of %d", size).isEqualTo(expected);
            assertThat(p.hasPartialEvent()).isFalse();
        }
    }

    @Test
    void smallEventsSplitAfterAHugeOneAreReadWhole() {
        // a 100 KiB line split across chunks grows the buffers; they are let go after it and must grow again
        String huge = "x".repeat(100 * 1024);
        String text = "data: " + huge + "\ndata: \u00e9\n\n" + "data: a\n\ndata: bc\ndata: d\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of(huge + "\n\u00e9", "a", "bc\nd");
        for (int size : new int[] {1, 3, 4096}) {
            List<String> events = new ArrayList<>();
            List<String> raw = new ArrayList<>();
            SseParser p = new SseParser(1 << 20, e -> events.add(e.data()));
            SseParser q = SseParser.ofData(1 << 20, (b, off, len) -> raw.add(new String(b, off, len, StandardCharsets.UTF_8)));
            for (int at = 0; at < bytes.length; at += size) {
                int n = Math.min(size, bytes.length - at);
                p.feed(bytes, at, n);
                q.feed(bytes, at, n);
            }
            assertThat(events).as("chunks of %d", size).isEqualTo(expected);
            assertThat(raw).as("chunks of %d", size).isEqualTo(expected);
        }
    }

    /** The word-at-a-time line-end search agrees with a byte loop, with tabs and other low bytes in the way. */
    @Test
    void theLineEndSearchFindsTheFirstCrOrLfAnywhere() {
        java.util.Random random = new java.util.Random(3);
        byte[] specials = {'\n', '\r', '\t', 0x00, 0x0b, 0x0c, 0x0d, 0x0e, (byte) 0x8a, (byte) 0x8d};
        byte[] plain = {' ', 'a', '"', '{', 0x7f, (byte) 0xc3, (byte) 0xff, 0x0e, 0x0f};
        for (int n = 0; n < 48; n++) {
            for (int trial = 0; trial < 200; trial++) {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)] : plain[random.nextInt(plain.length)];
                }
                int from = n == 0 ? 0 : random.nextInt(n);
                int expected = from;
                while (expected < n && a[expected] != '\n' && a[expected] != '\r') {
                    expected++;
                }
                assertThat(SseParser.lineEnd(a, from, n)).as("%s from %d", java.util.Arrays.toString(a), from)
                        .isEqualTo(expected);
            }
        }
    }
}
