package dev.g4j.provider.registry;

import java.util.Objects;

/**
 * Two providers claimed the same {@link dev.g4j.provider.api.AsyncGeneratorProvider#name()} (compared ignoring
 * case). The first one found is kept; the other is ignored, and this record says where both came from.
 *
 * @param name the contested provider name
 * @param keptClass the class of the provider that is kept
 * @param keptSource the jar or directory (or {@code "programmatic"}) of the kept provider
 * @param ignoredClass the class of the provider that is ignored
 * @param ignoredSource the jar or directory (or {@code "programmatic"}) of the ignored provider
 */
public record DuplicateProvider(String name, String keptClass, String keptSource, String ignoredClass, String ignoredSource) {

    /**
     * Checks that no part is null.
     *
     * @param name the contested name
     * @param keptClass the kept class
     * @param keptSource where the kept one came from
     * @param ignoredClass the ignored class
     * @param ignoredSource where the ignored one came from
     */
    public DuplicateProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keptClass, "keptClass");
        Objects.requireNonNull(keptSource, "keptSource");
        Objects.requireNonNull(ignoredClass, "ignoredClass");
        Objects.requireNonNull(ignoredSource, "ignoredSource");
    }

    /**
     * One line for a log or a CLI naming both classes and both sources.
     *
     * @return the description
     */
    public String describe() {
        return "Duplicate provider name '" + name + "': " + ignoredClass + " from " + ignoredSource
                + " is ignored; " + keptClass + " from " + keptSource + " was found first and is used";
    }
}
