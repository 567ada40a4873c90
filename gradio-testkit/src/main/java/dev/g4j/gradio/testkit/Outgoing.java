package dev.g4j.gradio.testkit;

/** One item of a session's FIFO buffer: a message, or a fault that acts on the stream at that point. */
sealed interface Outgoing {

    /** A JSON message; {@code completes} marks a {@code process_completed}. */
    record Message(String eventId, String json, boolean completes) implements Outgoing {
    }

    /** A raw line written as-is (a malformed message). */
    record RawLine(String text) implements Outgoing {
    }

    /** Close the connection without ending the chunked body. */
    record Drop() implements Outgoing {
    }

    /** Stop writing anything, heartbeats included. */
    record Stall() implements Outgoing {
    }

    /** Repeat the server-stopped error until the client goes away. */
    record StopFlood() implements Outgoing {
    }
}
