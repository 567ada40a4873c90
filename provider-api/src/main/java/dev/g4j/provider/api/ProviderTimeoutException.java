package dev.g4j.provider.api;

import java.time.Duration;
import java.util.Objects;

/** A time limit ran out. {@link #kind()} says which one, {@link #limit()} how long it was. */
public class ProviderTimeoutException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** Which time limit fired. */
    public enum Kind {
        /** Opening the connection took longer than {@link ProviderOptions#connectTimeout()}. */
        CONNECT,
        /** The upstream was silent for longer than {@link ProviderOptions#idleTimeout()}. */
        IDLE,
        /** The whole request took longer than {@link ProviderOptions#totalTimeout()}. */
        TOTAL,
        /** Not known: the exception was made from a message alone. */
        UNSPECIFIED
    }

    private final Kind kind;
    private final Duration limit;

    public ProviderTimeoutException(String message) {
        this(message, (Throwable) null);
    }

    public ProviderTimeoutException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.UNSPECIFIED;
        this.limit = null;
    }

    public ProviderTimeoutException(Kind kind, Duration limit, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.limit = limit;
    }

    public Kind kind() {
        return kind;
    }

    /** The limit that ran out, or null when unknown. */
    public Duration limit() {
        return limit;
    }
}
