package dev.g4j.provider.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ProviderFactory} builds its providers from.
 *
 * @param entries the providers-file entries of the factory's type, in file order
 * @param environment the environment variables (injected, so tests need no real environment)
 * @param home the g4j home folder
 */
public record FactoryContext(List<ProviderEntry> entries, Map<String, String> environment, Path home) {
    /**
     * Checks and copies the parts.
     *
     * @param entries the entries, not null
     * @param environment the environment, not null
     * @param home the home folder, not null
     */
    public FactoryContext {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(home, "home");
    }

    /**
     * Reads one environment variable.
     *
     * @param name the variable
     * @return its value, or null when it is unset or blank
     */
    public String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
