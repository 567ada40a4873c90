package dev.g4j.gradio.testkit;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A session hash's server-side state. Confined to the simulator's event loop. */
final class Session {

    final String hash;
    final ArrayDeque<Outgoing> buffer = new ArrayDeque<>();
    /** Events joined whose {@code process_completed} has not been delivered yet. */
    final Set<String> pendingEventIds = new LinkedHashSet<>();
    /** Events whose function has not finished. */
    final Map<String, SimEvent> liveEvents = new LinkedHashMap<>();
    /** The session's {@code gr.State} values. */
    final SessionState state = new SessionState();
    SseStream stream;
    LineEnding lineEnding = LineEnding.LF;
    boolean splitWrites;

    Session(String hash) {
        this.hash = hash;
    }

    void enqueue(Outgoing item) {
        buffer.add(item);
        if (stream != null) {
            stream.flush();
        }
    }
}
