package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a simulated app function does with one event's inputs: stream a chat reply, return outputs at
 * once, or fail.
 */
public sealed interface AppCall {

    /**
     * A chat generator: the simulator asks its {@link ReplyFunction} for the tokens of {@code request} and,
     * after each token, yields the outputs {@code outputsForReply} makes of the cumulative reply (the
     * simulator sends the first yield in full and later ones as diffs, and applies the event's faults).
     *
     * @param request         what the chat function received
     * @param outputsForReply the post-processed outputs for a cumulative reply, one value per dependency
     *                        output
     */
    record Streaming(ChatRequest request, Function<String, List<JsonNode>> outputsForReply) implements AppCall {
        /**
         * Checks the required parts.
         *
         * @param request see the record component
         * @param outputsForReply see the record component
         */
        public Streaming {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(outputsForReply, "outputsForReply");
        }
    }

    /**
     * A plain function that returns its outputs at once (no {@code process_generating}).
     *
     * @param outputs one value per dependency output
     */
    record Immediate(List<JsonNode> outputs) implements AppCall {
        /**
         * Copies the outputs.
         *
         * @param outputs see the record component
         */
        public Immediate {
            outputs = List.copyOf(outputs);
        }
    }

    /** The function raises (a wrong input, an unknown model): the event fails with {@code {"error":null}}. */
    record Failure() implements AppCall {
    }
}
