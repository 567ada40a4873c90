package dev.g4j.provider.gradiochat.internal;

import dev.g4j.provider.gradiochat.ChatFormat;

import java.util.Objects;

/** What {@link ReplyExtractor} read from a chatbot output: the reply's text, or why none could be read. */
public sealed interface ChatReply {

    /**
     * The last bot message, split into its answer and its reasoning.
     *
     * @param answer    the answer text, {@code ""} when there is none yet
     * @param reasoning the reasoning ("thinking") text, {@code ""} when there is none
     */
    record Text(String answer, String reasoning) implements ChatReply {
        /** The empty reply: an empty chatbot, or a bot message with no text yet. */
        public static final Text EMPTY = new Text("", "");

        /**
         * Checks the required parts.
         *
         * @param answer see the record component
         * @param reasoning see the record component
         */
        public Text {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(reasoning, "reasoning");
        }

        /**
         * Whether neither an answer nor reasoning was found.
         *
         * @return true when both are empty
         */
        public boolean isEmpty() {
            return answer.isEmpty() && reasoning.isEmpty();
        }
    }

    /**
     * The output does not have the shape the format expects, so no text can be read from it.
     *
     * @param output the output index read
     * @param format the format expected
     * @param seen   a short description of the value's shape (never its text)
     */
    record Unreadable(int output, ChatFormat format, String seen) implements ChatReply {
        /**
         * Checks the required parts.
         *
         * @param output see the record component
         * @param format see the record component
         * @param seen see the record component
         */
        public Unreadable {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(seen, "seen");
        }

        /**
         * A message for a typed error: what was seen and what to check.
         *
         * @return the message
         */
        public String message() {
            return "Output " + output + " of the chat endpoint holds " + seen + ", which is not a " + format
                    + " chatbot value, so no reply text could be read; check the spec's chat format and "
                    + "chatbot output index against the app's /config";
        }
    }
}
