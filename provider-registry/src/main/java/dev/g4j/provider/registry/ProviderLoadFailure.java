package dev.g4j.provider.registry;

import java.util.Objects;

/**
 * A service entry that could not be turned into a provider: the class is missing, is not an
 * {@link dev.g4j.provider.api.AsyncGeneratorProvider}, its constructor or static initialiser threw, or its
 * {@code name()} failed. The registry logs each one and keeps loading the others.
 *
 * @param serviceEntry the class name listed in the service file, when known; otherwise a short description
 * @param source the jar or directory the entry came from, or {@code "unknown"}
 * @param cause what went wrong, usually a {@link java.util.ServiceConfigurationError} with the real cause chained
 */
public record ProviderLoadFailure(String serviceEntry, String source, Throwable cause) {

    public ProviderLoadFailure {
        Objects.requireNonNull(serviceEntry, "serviceEntry");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * One line for a log or a CLI, naming the class, the jar and the root cause, e.g.
     * {@code Provider com.acme.Foo from /opt/providers/acme.jar failed to load: ... (root cause: ...)}.
     */
    public String describe() {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder sb = new StringBuilder("Provider ").append(serviceEntry).append(" from ").append(source)
                .append(" failed to load: ").append(summary(cause));
        if (root != cause) {
            sb.append(" (root cause: ").append(summary(root)).append(')');
        }
        return sb.toString();
    }

    private static String summary(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
