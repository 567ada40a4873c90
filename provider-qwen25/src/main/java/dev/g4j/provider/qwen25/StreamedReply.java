package dev.g4j.provider.qwen25;

import dev.g4j.provider.api.ResponseChunk;

import java.util.Optional;

/**
 * The reply text already handed to the consumer, and the chunk that brings the consumer up to date with a newer
 * version of it.
 *
 * <p>Appends cost time proportional to the delta. Reconciling with a whole text (needed only after a full value, a
 * rewrite or at completion) costs time proportional to the text.
 */
final class StreamedReply {
    private final StringBuilder emitted = new StringBuilder();

    /** The upstream appended {@code delta}: a {@link ResponseChunk.Text}, or nothing when the delta is empty. */
    Optional<ResponseChunk> appended(String delta) {
        if (delta == null || delta.isEmpty()) {
            return Optional.empty();
        }
        emitted.append(delta);
        return Optional.of(ResponseChunk.text(delta));
    }

    /**
     * The reply is now exactly {@code current}: nothing when that is what was emitted, a {@link ResponseChunk.Text}
     * with the missing end when it extends what was emitted, otherwise a {@link ResponseChunk.TextReplaced}.
     */
    Optional<ResponseChunk> reconcile(String current) {
        int known = emitted.length();
        if (current.length() >= known && startsWithEmitted(current)) {
            return appended(current.substring(known));
        }
        emitted.setLength(0);
        emitted.append(current);
        return Optional.of(ResponseChunk.replaced(current));
    }

    /** The text emitted so far, with replacements applied. */
    String text() {
        return emitted.toString();
    }

    private boolean startsWithEmitted(String current) {
        for (int i = emitted.length() - 1; i >= 0; i--) {
            if (emitted.charAt(i) != current.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
