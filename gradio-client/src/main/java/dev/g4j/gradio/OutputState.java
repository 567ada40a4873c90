package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Read access to the current value of each output of one event.
 *
 * <p>The view is live: the client updates the same trees in place as later messages arrive, so a value read from
 * it is valid only until the subscriber requests the next event. Call {@link #copy()} to keep values. Never mutate
 * the returned nodes.
 */
public interface OutputState {
    /**
     * The number of outputs known so far.
     *
     * @return the count
     */
    int size();

    /**
     * The current value of one output.
     *
     * @param index the output's position
     * @return the value; a null node when that output has no value
     */
    JsonNode get(int index);

    /**
     * True when an edit could not be applied (for example Gradio's broken list deletes); the values then hold the
     * last good state until the authoritative {@code process_completed} value repairs them.
     *
     * @return true while out of sync
     */
    boolean outOfSync();

    /**
     * A deep copy of every output, safe to keep.
     *
     * @return immutable copies
     */
    List<JsonNode> copy();
}
