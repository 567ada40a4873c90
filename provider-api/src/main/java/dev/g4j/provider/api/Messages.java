package dev.g4j.provider.api;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable, ordered, non-empty conversation: what a provider is asked to continue.
 *
 * <pre>{@code
 * Messages chat = Messages.of(Message.system("Answer briefly."), Message.user("What is a monad?"));
 * }</pre>
 */
public final class Messages implements Iterable<Message> {
    private final List<Message> list;

    private Messages(List<Message> list) {
        this.list = list;
    }

    /**
     * @throws IllegalArgumentException when there is no message or one of them is null
     */
    public static Messages of(Message... messages) {
        if (messages == null) {
            throw new IllegalArgumentException("Messages must not be null: pass at least one message");
        }
        return of(Arrays.asList(messages));
    }

    /**
     * @throws IllegalArgumentException when the list is null or empty or holds a null
     */
    public static Messages of(List<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("A conversation needs at least one message, usually a user message");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) == null) {
                throw new IllegalArgumentException("Message " + i + " of the conversation is null");
            }
        }
        return new Messages(List.copyOf(messages));
    }

    /** A conversation of one user message. */
    public static Messages ofUser(String prompt) {
        return of(Message.user(prompt));
    }

    /** The messages, in order, as an unmodifiable list. */
    public List<Message> asList() {
        return list;
    }

    public int size() {
        return list.size();
    }

    /** The last message whose role is {@code role}, if any. */
    public Optional<Message> last(Role role) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).role() == role) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /** This conversation followed by {@code next}. */
    public Messages with(Message next) {
        if (next == null) {
            throw new IllegalArgumentException("The message to add is null");
        }
        Message[] all = list.toArray(new Message[list.size() + 1]);
        all[list.size()] = next;
        return new Messages(List.of(all));
    }

    @Override
    public Iterator<Message> iterator() {
        return list.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Messages && ((Messages) o).list.equals(list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return "Messages" + list;
    }
}
