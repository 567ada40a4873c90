package dev.g4j.gradio.testkit;

/** How a joined event ended on the server side. */
public enum EventOutcome {
    /** The function finished and {@code process_completed} with {@code success:true} was buffered. */
    COMPLETED,
    /** The function failed and {@code process_completed} with {@code success:false} was buffered. */
    FAILED,
    /** {@code POST /cancel} stopped it. */
    CANCELLED,
    /** The session's stream closed (client disconnect or dropped connection) and the generator stopped. */
    STOPPED_BY_DISCONNECT,
    /** The session was forgotten (the session-not-found fault); the function never ran. */
    DISCARDED
}
