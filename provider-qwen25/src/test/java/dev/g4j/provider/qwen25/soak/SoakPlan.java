package dev.g4j.provider.qwen25.soak;

import dev.g4j.gradio.testkit.Fault;
import dev.g4j.gradio.testkit.FaultPlan;
import dev.g4j.gradio.testkit.ReplyFunction;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * What one soak stream does: its prompt (hence, through the simulator's deterministic echo, its exact answer), the
 * fault the simulator injects into its event, how its consumer reads it and when it gives up. Drawn from the run's
 * seeded {@link Random}, so a seed reproduces the whole mix.
 */
final class SoakPlan {
    /** What happens to the stream, and so how it must end. */
    enum Kind {
        /** No fault: the exact echo and Finish("stop"). */
        OK(26),
        /** Waits behind others in the queue first: QueueStatus chunks, then the exact echo. */
        QUEUED(6),
        /** The chat function raises a plain exception: RemoteProcessException. */
        FAIL_PLAIN(7),
        /** The chat function raises gr.Error(message): RemoteProcessException carrying the message. */
        FAIL_MESSAGE(7),
        /** The server cuts the connection: UpstreamConnectionException. */
        DROP(8),
        /** The server falls silent: ProviderTimeoutException of kind IDLE within the short idle limit. */
        STALL(6),
        /** One event is larger than maxEventBytes: UpstreamProtocolException. */
        OVERSIZED(6),
        /** One line of truncated JSON: UpstreamProtocolException. */
        MALFORMED(6),
        /** The join is refused with 503 "Queue is full": RateLimitException(503). */
        QUEUE_FULL(6),
        /** The consumer cancels mid-answer (the server would have stalled later, so it never completes by itself). */
        CANCEL(12);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }

        /** Kinds whose event must end on the server with the given outcome names. */
        boolean joins() {
            return this != QUEUE_FULL;
        }
    }

    /** How the consumer reads. */
    enum Consumer {
        /** A subscriber that requests Long.MAX_VALUE. */
        FAST,
        /** A subscriber that requests one chunk at a time, each after a short pause on a scheduler. */
        SLOW,
        /** {@code AsyncResult.text()}. */
        TEXT
    }

    private static final String[] WORDS = {"alpha", "beta", "gamma", "naïve", "日本語", "😀", "Ωmega", "\"quoted\"",
            "back\\slash", "<tag>", "x", "tab-free", "long-word-with-dashes", "a&b", "{json}", "[1,2]", "ü", "∑"};
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    final int id;
    final Kind kind;
    final Consumer consumer;
    final String prompt;
    final List<String> tokens;
    /** Tokens yielded before the fault (or, for CANCEL, text chunks read before cancelling). */
    final int faultAt;
    final FaultPlan faults;
    final long slowPauseMicros;

    private SoakPlan(int id, Kind kind, Consumer consumer, String prompt, int faultAt, FaultPlan faults, long slowPauseMicros) {
        this.id = id;
        this.kind = kind;
        this.consumer = consumer;
        this.prompt = prompt;
        // the simulator's echo: "You said: <prompt>" split into words; no newline or indentation, so cleandoc keeps it
        this.tokens = ReplyFunction.splitWords("You said: " + prompt);
        this.faultAt = faultAt;
        this.faults = faults;
        this.slowPauseMicros = slowPauseMicros;
    }

    static SoakPlan draw(int id, Random rnd, int maxWords, int maxEventBytes) {
        StringBuilder prompt = new StringBuilder("soak ").append(id);
        int words = 1 + rnd.nextInt(maxWords);
        for (int i = 0; i < words; i++) {
            prompt.append(' ').append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        Kind kind = drawKind(rnd);
        Consumer consumer = Consumer.values()[rnd.nextInt(kind == Kind.CANCEL ? 2 : 3)];
        int tokenCount = ReplyFunction.splitWords("You said: " + prompt).size();
        int at = rnd.nextInt(tokenCount);
        FaultPlan faults;
        switch (kind) {
            case QUEUED -> faults = FaultPlan.of(Fault.queued(1 + rnd.nextInt(3), Duration.ofMillis(5)));
            case FAIL_PLAIN -> faults = FaultPlan.of(Fault.failAfter(at));
            case FAIL_MESSAGE -> faults = FaultPlan.of(Fault.failAfter(at, "boom-" + id));
            case DROP -> faults = FaultPlan.of(Fault.dropAfter(at));
            case STALL -> faults = FaultPlan.of(Fault.stallAfter(at));
            case OVERSIZED -> faults = FaultPlan.of(Fault.oversized(at, maxEventBytes + 8 * 1024));
            case MALFORMED -> faults = FaultPlan.of(Fault.malformedLine(at));
            case QUEUE_FULL -> faults = FaultPlan.of(Fault.queueFull());
            case CANCEL -> {
                at = 1 + rnd.nextInt(3);
                faults = FaultPlan.of(Fault.stallAfter(at + 1 + rnd.nextInt(3)));
            }
            default -> faults = FaultPlan.none();
        }
        long pause = 300 + rnd.nextInt(2_700);
        return new SoakPlan(id, kind, consumer, prompt.toString(), at, faults, pause);
    }

    private static Kind drawKind(Random rnd) {
        int pick = rnd.nextInt(TOTAL_WEIGHT);
        for (Kind k : Kind.values()) {
            pick -= k.weight;
            if (pick < 0) {
                return k;
            }
        }
        throw new AssertionError();
    }

    /** The whole answer. */
    String expectedText() {
        return String.join("", tokens);
    }

    /** The answer as far as the first {@code n} tokens. */
    String prefix(int n) {
        return String.join("", tokens.subList(0, Math.min(n, tokens.size())));
    }

    /** The id a join carries in its prompt ("soak <id> ..."), or -1. */
    static int idOf(String prompt) {
        if (prompt == null || !prompt.startsWith("soak ")) {
            return -1;
        }
        int end = prompt.indexOf(' ', 5);
        try {
            return Integer.parseInt(end < 0 ? prompt.substring(5) : prompt.substring(5, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "stream #" + id + " " + kind + "(at " + faultAt + " of " + tokens.size() + " tokens) via " + consumer;
    }
}
