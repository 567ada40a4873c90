package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of one session's {@code gr.State} components, kept by the simulator per {@code session_hash}
 * like Gradio keeps them in server memory. A function reads its State inputs from here (a client's value
 * in a State slot is ignored, as Gradio does) and writes its State outputs back. Used only on the
 * simulator's event loop.
 */
public final class SessionState {

    private final Map<Integer, JsonNode> values = new HashMap<>();

    SessionState() {
    }

    /**
     * The stored value of a State component.
     *
     * @param componentId the State component's id
     * @return its value, or null when the session has not stored one yet
     */
    public JsonNode get(int componentId) {
        return values.get(componentId);
    }

    /**
     * Stores the value of a State component.
     *
     * @param componentId the State component's id
     * @param value       the new value (null removes it)
     */
    public void put(int componentId, JsonNode value) {
        if (value == null) {
            values.remove(componentId);
        } else {
            values.put(componentId, value.deepCopy());
        }
    }
}
