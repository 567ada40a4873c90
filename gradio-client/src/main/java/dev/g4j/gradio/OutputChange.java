package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One change that a {@code process_generating} message made to one output.
 *
 * <p>A message carrying full values yields one {@code REPLACE} with an empty path per output. A diff message yields
 * one change per edit, in order. For {@link DiffOp#APPEND} the value is the appended text only, so a chat client can
 * extract the new text of a reply in time proportional to the delta.
 *
 * @param outputIndex the index of the output (position in the dependency's {@code outputs})
 * @param op the operation
 * @param path list indices ({@link Integer}) and dictionary keys ({@link String}) from the output's root; empty
 *        for the root itself
 * @param value the edit's value (null node for deletes); shares structure with the message, do not mutate
 */
public record OutputChange(int outputIndex, DiffOp op, List<Object> path, JsonNode value) {
    /**
     * Copies the path, so the change is immutable.
     *
     * @param outputIndex the index of the output
     * @param op the operation
     * @param path indices and keys from the output's root
     * @param value the edit's value
     */
    public OutputChange {
        path = List.copyOf(path);
    }
}
