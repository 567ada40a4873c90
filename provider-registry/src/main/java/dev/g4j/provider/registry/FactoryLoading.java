package dev.g4j.provider.registry;

import dev.g4j.provider.api.FactoryContext;
import dev.g4j.provider.api.G4jHome;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.registry.internal.ProvidersFile;

import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the provider factories: one per type (the first found wins), each with the providers-file entries of its
 * type and the environment. Bad entries, factories that throw and rejected outcomes become failures; created
 * providers go through the {@link Registration}; disabled ones are listed.
 */
final class FactoryLoading {
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private final ServiceDiscovery<ProviderFactory> factories;
    private final Registration reg;
    private final Map<String, String> env;

    /**
     * @param factories the discovered factories, and where failures are recorded
     * @param reg where the created providers go
     * @param env the environment
     */
    FactoryLoading(ServiceDiscovery<ProviderFactory> factories, Registration reg, Map<String, String> env) {
        this.factories = factories;
        this.reg = reg;
        this.env = env;
    }

    /**
     * Loads every factory's providers.
     *
     * @param programmatic factories from the builder, tried before the discovered ones
     * @param home the g4j home, or null to resolve it
     * @param providersFile the providers file from the builder, or null for the variable or the home's file
     */
    void load(List<ProviderFactory> programmatic, Path home, Path providersFile) {
        Map<String, ServiceDiscovery.Found<ProviderFactory>> byType = new LinkedHashMap<>();
        List<ServiceDiscovery.Found<ProviderFactory>> allFactories = new ArrayList<>();
        for (ProviderFactory factory : programmatic) {
            allFactories.add(new ServiceDiscovery.Found<>(factory, ProviderSources.PROGRAMMATIC));
        }
        allFactories.addAll(factories.found());
        for (ServiceDiscovery.Found<ProviderFactory> found : allFactories) {
            String type;
            try {
                type = found.provider().type();
                if (type == null || type.isBlank()) {
                    throw new IllegalStateException("type() returned " + (type == null ? "null" : "a blank type"));
                }
                type = type.strip().toLowerCase(Locale.ROOT);
            } catch (RuntimeException | LinkageError e) {
                factories.failAfterLoad(found.provider(), found.source(), e);
                continue;
            }
            ServiceDiscovery.Found<ProviderFactory> first = byType.putIfAbsent(type, found);
            if (first != null) {
                DuplicateProvider dup = new DuplicateProvider("factory type " + type,
                        first.provider().getClass().getName(), first.source(),
                        found.provider().getClass().getName(), found.source());
                reg.duplicates.add(dup);
                LOG.log(Level.WARNING, dup.describe());
            }
        }

        Path homeDir;
        try {
            homeDir = home != null ? home : G4jHome.resolve(System.getProperties(), env);
        } catch (RuntimeException e) {
            factories.fail(new ProviderLoadFailure("(g4j home)", "unknown", e));
            homeDir = Path.of("").toAbsolutePath();
        }
        String named = env.get(ProviderRegistry.PROVIDERS_FILE_VARIABLE);
        boolean required = providersFile != null || named != null && !named.isBlank();
        ProvidersFile.Contents contents;
        try {
            Path file = providersFile != null ? providersFile
                    : named != null && !named.isBlank() ? Path.of(named.strip()) : homeDir.resolve(ProviderRegistry.PROVIDERS_FILE_NAME);
            contents = ProvidersFile.read(file, required);
        } catch (InvalidPathException e) {
            factories.fail(new ProviderLoadFailure("(providers file)", ProviderRegistry.PROVIDERS_FILE_VARIABLE,
                    new IllegalArgumentException("not a valid path: " + e.getReason())));
            contents = new ProvidersFile.Contents(List.of(), List.of());
        }
        for (ProvidersFile.Problem problem : contents.problems()) {
            factories.fail(new ProviderLoadFailure(problem.name(), problem.source(),
                    new IllegalArgumentException(problem.reason())));
        }
        Map<String, List<ProviderEntry>> entriesByType = new LinkedHashMap<>();
        for (ProvidersFile.Entry entry : contents.entries()) {
            if (!byType.containsKey(entry.type())) {
                factories.fail(new ProviderLoadFailure(entry.name(), entry.source(), new IllegalArgumentException(
                        "no provider factory reads type '" + entry.type() + "'"
                                + (byType.isEmpty() ? "; no factory is installed" : "; known types: "
                                + String.join(", ", byType.keySet()))
                                + ModelNames.closest(entry.type(), List.copyOf(byType.keySet()))
                                .map(c -> ". Did you mean '" + c + "'?").orElse(""))));
                continue;
            }
            entriesByType.computeIfAbsent(entry.type(), t -> new ArrayList<>())
                    .add(new ProviderEntry(entry.values(), entry.source()));
        }

        for (Map.Entry<String, ServiceDiscovery.Found<ProviderFactory>> typed : byType.entrySet()) {
            ProviderFactory factory = typed.getValue().provider();
            String source = typed.getValue().source();
            List<ProviderOutcome> outcomes;
            try {
                outcomes = factory.createProviders(new FactoryContext(
                        entriesByType.getOrDefault(typed.getKey(), List.of()), env, homeDir));
                if (outcomes == null) {
                    throw new IllegalStateException("createProviders returned null");
                }
            } catch (RuntimeException | LinkageError e) {
                factories.failAfterLoad(factory, source, e);
                continue;
            }
            for (ProviderOutcome outcome : outcomes) {
                if (outcome instanceof ProviderOutcome.Created) {
                    ProviderOutcome.Created created = (ProviderOutcome.Created) outcome;
                    reg.register(created.provider(), source + " (factory '" + typed.getKey() + "')", true,
                            created.origin());
                } else if (outcome instanceof ProviderOutcome.Disabled) {
                    reg.disabled.add((ProviderOutcome.Disabled) outcome);
                } else if (outcome instanceof ProviderOutcome.Rejected) {
                    ProviderOutcome.Rejected rejected = (ProviderOutcome.Rejected) outcome;
                    factories.fail(new ProviderLoadFailure(rejected.name(), rejected.source(),
                            new IllegalArgumentException(rejected.reason())));
                }
            }
        }
    }
}
