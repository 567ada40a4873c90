package dev.g4j.gradio.internal;

import dev.g4j.gradio.OutputChange;

import java.util.List;

/**
 * One message of the event stream, routed by its header and decoded later, when its call delivers it (so a message
 * a slow subscriber never reaches costs only its routing).
 *
 * @param type the {@code msg} field, empty when absent
 * @param eventId the {@code event_id}, or null for a session-wide message
 * @param json the whole message, as UTF-8 bytes
 * @param edits for a {@code process_generating} message shaped as edit lists, its edits read while routing it
 *        (see {@link DiffReader}); null otherwise, and whenever the message must be read as a tree
 * @param outputs the number of edit lists, when {@code edits} is not null
 */
public record Message(String type, String eventId, byte[] json, List<OutputChange> edits, int outputs) {
    /**
     * A message without pre-read edits.
     *
     * @param type the {@code msg} field
     * @param eventId the {@code event_id}, or null
     * @param json the whole message, as UTF-8 bytes
     */
    public Message(String type, String eventId, byte[] json) {
        this(type, eventId, json, null, -1);
    }

    /** True for the messages after which no more arrive for the event. */
    boolean terminal() {
        return type.equals("process_completed") || type.equals("unexpected_error");
    }
}
