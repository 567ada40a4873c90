package dev.g4j.provider.registry;

import java.util.Objects;

/**
 * Something that could not be turned into a provider: a service entry whose class is missing, is not of the
 * service type, or whose constructor, static initialiser, {@code name()} or {@code type()} failed; a provider
 * factory that threw; a providers-file entry that is malformed, has no known {@code type} or was rejected by its
 * factory (then the source is the file and line); or an unknown name in the explicit default order. The registry
 * logs each one and keeps loading the others.
 *
 * @param serviceEntry the class name listed in the service file, or the providers-file entry's name, when known;
 *                     otherwise a short description
 * @param source the jar or directory the entry came from, the providers file and line, or {@code "unknown"}
 * @param cause what went wrong, usually a {@link java.util.ServiceConfigurationError} with the real cause chained
 */
public record ProviderLoadFailure(String serviceEntry, String source, Throwable cause) {

    /**
     * Checks that no part is null.
     *
     * @param serviceEntry the class name or entry name
     * @param source the jar, directory, or file and line
     * @param cause what went wrong
     */
    public ProviderLoadFailure {
        Objects.requireNonNull(serviceEntry, "serviceEntry");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * One line for a log or a CLI, naming the class, the jar and the root cause, e.g.
     * {@code Provider com.acme.Foo from /opt/providers/acme.jar failed to load: ... (root cause: ...)}.
     *
     * @return the description
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
