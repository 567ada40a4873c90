package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@link GradioCall} publishes for one event, in server order. A successful call ends with {@link Completed}
 * followed by {@code onComplete}; a failed one ends with {@code onError} carrying a
 * {@link GradioException} subtype. Heartbeats and {@code close_stream} are not published.
 */
public sealed interface GradioEvent {
    /** The server's id of the event (32 hex characters). */
    String eventId();

    /** {@code estimation}: waiting in the queue. {@code rank} 0 runs next; values may be null. */
    record Queued(String eventId, Integer rank, Integer queueSize, Double etaSeconds) implements GradioEvent {
    }

    /** {@code process_starts}: the function began; {@code etaSeconds} is its average run time, or null. */
    record Started(String eventId, Double etaSeconds) implements GradioEvent {
    }

    /** {@code progress}: the raw {@code progress_data} array of {@code gr.Progress} updates. */
    record Progress(String eventId, JsonNode data) implements GradioEvent {
    }

    /** {@code log}: a {@code gr.Info}/{@code gr.Warning} toast; {@code title} is null before Gradio 5.2. */
    record Log(String eventId, String level, String message, String title) implements GradioEvent {
    }

    /**
     * {@code process_generating} or {@code process_streaming}, already applied.
     *
     * @param outputs the live values after this message (valid until the next event is requested; copy to keep)
     * @param changes what this message changed, in order (see {@link OutputChange})
     */
    record Generating(String eventId, OutputState outputs, java.util.List<OutputChange> changes) implements GradioEvent {
    }

    /**
     * {@code process_completed} with {@code success: true}.
     *
     * @param outputs the authoritative final values
     * @param hasData false when the server completed without {@code output.data}: this is what a pending event
     *        cancelled through {@code /cancel} receives ({@code output: {}}); {@code outputs} then holds the last
     *        generated values, if any
     */
    record Completed(String eventId, OutputState outputs, boolean hasData) implements GradioEvent {
    }
}
