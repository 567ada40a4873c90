package dev.g4j.gradio.testkit;

import java.util.List;

/**
 * The server noticed that a {@code queue/data} stream closed before the server ended it.
 *
 * @param sessionHash     the stream's session
 * @param byClient        true when the client closed it, false when a drop-connection fault did
 * @param stoppedEventIds the session's unfinished events that were stopped as a consequence
 */
public record StreamClosure(String sessionHash, boolean byClient, List<String> stoppedEventIds) {
    /** Copies the list. */
    public StreamClosure {
        stoppedEventIds = List.copyOf(stoppedEventIds);
    }
}
