package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Function;

/** What a simulated app function does with one event's inputs. */
sealed interface AppCall {

    /**
     * A chat generator: asks the reply function for tokens and yields the post-processed outputs of the
     * cumulative reply after each token.
     */
    record Streaming(ChatRequest request, Function<String, List<JsonNode>> outputsForReply) implements AppCall {
    }

    /** A plain function that returns its outputs at once (no {@code process_generating}). */
    record Immediate(List<JsonNode> outputs) implements AppCall {
    }

    /** The function raises (a wrong input, an unknown model): {@code {"error":null}}. */
    record Failure() implements AppCall {
    }
}
