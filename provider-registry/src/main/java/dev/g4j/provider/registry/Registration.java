package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderOutcome;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The providers a registry is being built from, accepted one at a time with the name, exclusion and duplicate
 * rules; providers the registry created and does not keep are closed at once.
 */
final class Registration {
    final List<RegisteredProvider> entries = new ArrayList<>();
    final List<DuplicateProvider> duplicates = new ArrayList<>();
    final List<ProviderOutcome.Disabled> disabled = new ArrayList<>();
    private final Map<String, RegisteredProvider> seen = new LinkedHashMap<>();
    private final ServiceDiscovery<AsyncGeneratorProvider> discovery;
    private final Set<String> excluded;

    /**
     * @param discovery where failures of {@code name()} are recorded
     * @param excluded the excluded names, as {@link ProviderRegistry#key(String)} keys
     */
    Registration(ServiceDiscovery<AsyncGeneratorProvider> discovery, Set<String> excluded) {
        this.discovery = discovery;
        this.excluded = excluded;
    }

    void register(AsyncGeneratorProvider p, String source, boolean owned, ProviderOutcome.Origin origin) {
        String name;
        try {
            name = p.name();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("name() returned " + (name == null ? "null" : "a blank name"));
            }
            name = name.strip();
        } catch (RuntimeException | LinkageError e) {
            discovery.failAfterLoad(p, source, e);
            if (owned) {
                ServiceDiscovery.closeQuietly(p);
            }
            return;
        }
        if (excluded.contains(ProviderRegistry.key(name))) {
            if (owned) {
                ServiceDiscovery.closeQuietly(p);
            }
            return;
        }
        RegisteredProvider entry = new RegisteredProvider(p, name, source, owned, origin);
        RegisteredProvider first = seen.putIfAbsent(ProviderRegistry.key(name), entry);
        if (first != null) {
            DuplicateProvider dup = new DuplicateProvider(name, first.provider().getClass().getName(),
                    first.source(), p.getClass().getName(), source);
            duplicates.add(dup);
            System.getLogger(ProviderRegistry.class.getName()).log(Level.WARNING, dup.describe());
            if (owned && first.provider() != p) {
                ServiceDiscovery.closeQuietly(p);
            }
            return;
        }
        entries.add(entry);
    }
}
