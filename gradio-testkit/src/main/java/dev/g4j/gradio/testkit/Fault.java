package dev.g4j.gradio.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A deliberate misbehaviour of the simulated server, observable by a client exactly as a real Gradio
 * server (or the proxy in front of it) would produce it. Faults are grouped in a {@link FaultPlan} that
 * applies to one joined event. "After N tokens" means after the N-th {@code process_generating}
 * message of the event; a count beyond the reply's length applies once the reply is exhausted.
 */
public sealed interface Fault {

    /** The chat function raises after {@code afterTokens} yields. */
    static Fault failAfter(int afterTokens) {
        return new FailAfter(afterTokens, null);
    }

    /** The chat function raises a {@code gr.Error(message)} after {@code afterTokens} yields. */
    static Fault failAfter(int afterTokens, String message) {
        return new FailAfter(afterTokens, Objects.requireNonNull(message, "message"));
    }

    /** The join is refused with {@code 503 {"detail":"Queue is full. Max size is 1 and size is 1."}}. */
    static Fault queueFull() {
        return new RefuseJoin(503);
    }

    /** The join is refused with {@code 500 Internal Server Error} in plain text. */
    static Fault joinInternalError() {
        return new RefuseJoin(500);
    }

    /** The connection is dropped (closed without ending the chunked body) after N yields. */
    static Fault dropAfter(int afterTokens) {
        return new DropConnection(afterTokens);
    }

    /** The stream goes silent after N yields: no messages, no heartbeats, the connection stays open. */
    static Fault stallAfter(int afterTokens) {
        return new Stall(afterTokens);
    }

    /** The event never starts; the stream carries only heartbeats. */
    static Fault heartbeatsOnly() {
        return new HeartbeatsOnly();
    }

    /** Frames the session's messages with the given line terminator. */
    static Fault lineEndings(LineEnding ending) {
        return new LineEndings(ending);
    }

    /**
     * Writes the session's stream one byte per write, each write waiting for the previous one to reach
     * the socket (one HTTP chunk per byte). Meant for small replies: it costs a future per byte.
     */
    static Fault splitWrites() {
        return new SplitWrites();
    }

    /** The event waits behind {@code ahead} others, one rank per {@code step}, before it starts. */
    static Fault queued(int ahead, Duration step) {
        return new Queued(ahead, step);
    }

    /** After N yields the reply grows by one token of {@code chars} characters. */
    static Fault oversized(int afterTokens, int chars) {
        return new Oversized(afterTokens, chars);
    }

    /** After N yields the stream carries one line of truncated JSON. */
    static Fault malformedLine(int afterTokens) {
        return new MalformedLine(afterTokens);
    }

    /** The function yields its last value twice, producing an all-empty edit list message. */
    static Fault duplicateLastChunk() {
        return new DuplicateLastChunk();
    }

    /** After N yields the server "stops": it repeats {@code Server stopped unexpectedly.} every 50 ms. */
    static Fault serverStopFlood(int afterTokens) {
        return new ServerStopFlood(afterTokens);
    }

    /** The join succeeds but the session is then forgotten; the stream answers "404: Session not found.". */
    static Fault sessionNotFound() {
        return new SessionNotFound();
    }

    /**
     * The function raises after some yields.
     *
     * @param afterTokens yields before the failure
     * @param message     null for a plain exception ({@code {"error":null}}), else a {@code gr.Error}
     *                    message ({@code {"error":msg,"duration":10,"visible":true}})
     */
    record FailAfter(int afterTokens, String message) implements Fault {
        /** Checks the count. */
        public FailAfter {
            requireCount(afterTokens);
        }
    }

    /**
     * The join request is refused.
     *
     * @param status 503 (queue full) or 500 (internal error)
     */
    record RefuseJoin(int status) implements Fault {
        /** Checks the status. */
        public RefuseJoin {
            if (status != 503 && status != 500) {
                throw new IllegalArgumentException("status must be 503 or 500: " + status);
            }
        }
    }

    /**
     * The connection is closed abruptly after the given number of yields.
     * @param afterTokens yields first
     */
    record DropConnection(int afterTokens) implements Fault {
        /** Checks the count. */
        public DropConnection {
            requireCount(afterTokens);
        }
    }

    /**
     * The stream falls silent after the given number of yields.
     * @param afterTokens yields first
     */
    record Stall(int afterTokens) implements Fault {
        /** Checks the count. */
        public Stall {
            requireCount(afterTokens);
        }
    }

    /** The event stays queued forever; only heartbeats flow. */
    record HeartbeatsOnly() implements Fault {
    }

    /**
     * The SSE line terminator for the session.
     * @param ending the terminator
     */
    record LineEndings(LineEnding ending) implements Fault {
        /** Checks the terminator. */
        public LineEndings {
            Objects.requireNonNull(ending, "ending");
        }
    }

    /** Each byte of the session's stream is written and flushed on its own. */
    record SplitWrites() implements Fault {
    }

    /**
     * The event waits in the queue.
     *
     * @param ahead events ahead of it; the join estimation has rank {@code ahead}, then one estimation
     *              per step with rank {@code ahead-1 … 0}, then {@code process_starts}
     * @param step  time between rank updates
     */
    record Queued(int ahead, Duration step) implements Fault {
        /** Checks the values. */
        public Queued {
            requireCount(ahead);
            Objects.requireNonNull(step, "step");
        }
    }

    /**
     * A huge token.
     * @param afterTokens yields first
     * @param chars size of the extra token
     */
    record Oversized(int afterTokens, int chars) implements Fault {
        /** Checks the values. */
        public Oversized {
            requireCount(afterTokens);
            requireCount(chars);
        }
    }

    /**
     * One truncated JSON line.
     * @param afterTokens yields first
     */
    record MalformedLine(int afterTokens) implements Fault {
        /** Checks the count. */
        public MalformedLine {
            requireCount(afterTokens);
        }
    }

    /** The last value is yielded twice. */
    record DuplicateLastChunk() implements Fault {
    }

    /**
     * Server shutdown flood.
     * @param afterTokens yields first
     */
    record ServerStopFlood(int afterTokens) implements Fault {
        /** Checks the count. */
        public ServerStopFlood {
            requireCount(afterTokens);
        }
    }

    /** The session is forgotten right after the join. */
    record SessionNotFound() implements Fault {
    }

    private static void requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }
}
