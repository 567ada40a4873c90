package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One component of a Gradio app, from {@code /config}.
 *
 * @param id the component id ({@code trigger_id} and the ids in a dependency's inputs/outputs)
 * @param type the class name in lower case, e.g. {@code "textbox"}
 * @param props the component's properties (never null; an empty object when absent)
 */
public record GradioComponent(int id, String type, JsonNode props) {
    /**
     * The initial value ({@code props.value}), usable as the default for an input.
     *
     * @return the value; a null node when absent
     */
    public JsonNode defaultValue() {
        JsonNode v = props.get("value");
        return v == null ? NullNode.getInstance() : v;
    }
}
