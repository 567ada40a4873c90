package dev.g4j.provider.gradiochat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one input of the chat endpoint receives, so that a request becomes the join's {@code data} array.
 * A {@link GradioChatSpec} lists one slot per input of the dependency, in order.
 */
public sealed interface InputSlot {

    /**
     * The user's new message (or, when the spec has no {@link History} slot, the whole conversation
     * flattened into one text).
     */
    record Prompt() implements InputSlot {
    }

    /** The earlier exchanges, in the spec's {@link ChatFormat}. */
    record History() implements InputSlot {
    }

    /**
     * The system messages joined with {@code "\n"}, or {@code whenAbsent} when the conversation has none.
     *
     * @param whenAbsent the value sent when there is no system message; {@code ""} to send an empty text
     */
    record SystemPrompt(String whenAbsent) implements InputSlot {
        /**
         * Checks the required parts.
         *
         * @param whenAbsent see the record component
         */
        public SystemPrompt {
            Objects.requireNonNull(whenAbsent, "whenAbsent");
        }
    }

    /** The selector value of the chosen model (a radio or dropdown choice). */
    record ModelSelector() implements InputSlot {
    }

    /**
     * A fixed JSON value: an additional input left at its default, or {@code null} for a State.
     *
     * @param value the value sent, never Java null (use JSON null)
     */
    record Constant(JsonNode value) implements InputSlot {
        /**
         * Checks the required parts.
         *
         * @param value see the record component
         */
        public Constant {
            Objects.requireNonNull(value, "value (use NullNode for JSON null)");
        }
    }

    /**
     * A dict-valued input whose fields are slots, such as the Qwen3 Space's {@code {"thinking_budget": 38,
     * "model": <selector>, "sys_prompt": <system>}}.
     *
     * @param fields the fields, in order
     */
    record Dict(Map<String, InputSlot> fields) implements InputSlot {
        /**
         * Copies the fields, keeping their order.
         *
         * @param fields see the record component
         */
        public Dict {
            Objects.requireNonNull(fields, "fields");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            fields.forEach((k, v) -> Objects.requireNonNull(v, () -> "slot of field " + k));
        }
    }

    /**
     * The prompt slot.
     *
     * @return a {@link Prompt}
     */
    static InputSlot prompt() {
        return new Prompt();
    }

    /**
     * The history slot.
     *
     * @return a {@link History}
     */
    static InputSlot history() {
        return new History();
    }

    /**
     * The system prompt slot.
     *
     * @param whenAbsent the value sent when the conversation has no system message
     * @return a {@link SystemPrompt}
     */
    static InputSlot systemPrompt(String whenAbsent) {
        return new SystemPrompt(whenAbsent);
    }

    /**
     * The model selector slot.
     *
     * @return a {@link ModelSelector}
     */
    static InputSlot modelSelector() {
        return new ModelSelector();
    }

    /**
     * A constant slot.
     *
     * @param value the JSON value sent
     * @return a {@link Constant}
     */
    static InputSlot constant(JsonNode value) {
        return new Constant(value);
    }

    /**
     * A JSON {@code null} slot, for State inputs.
     *
     * @return a {@link Constant} of JSON null
     */
    static InputSlot nullValue() {
        return new Constant(NullNode.getInstance());
    }

    /**
     * A dict-valued slot.
     *
     * @param fields the fields, in order
     * @return a {@link Dict}
     */
    static InputSlot dict(Map<String, InputSlot> fields) {
        return new Dict(fields);
    }
}
