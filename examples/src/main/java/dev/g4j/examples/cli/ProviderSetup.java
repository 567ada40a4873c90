package dev.g4j.examples.cli;

import dev.g4j.provider.registry.ProviderRegistry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The provider set of both {@code g4j} and {@code g4j serve}: the providers on g4j's own class path and in the plugin
 * jars ({@link Plugins}), with the providers file ({@code G4J_PROVIDERS}), the default order
 * ({@code G4J_PROVIDER_ORDER}) and the key variables read from the given environment.
 */
public final class ProviderSetup implements AutoCloseable {
    private final Plugins plugins;
    private final ProviderRegistry registry;

    private ProviderSetup(Plugins plugins, ProviderRegistry registry) {
        this.plugins = plugins;
        this.registry = registry;
    }

    /**
     * Finds the plugin jars and loads the registry over them.
     *
     * @param env the environment: the process's ({@link System#getenv()}) outside tests
     * @return the set-up; what failed to load is in {@link ProviderRegistry#failures()}
     */
    public static ProviderSetup load(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Plugins plugins = Plugins.discover(env);
        ClassLoader loader = plugins.classLoader(ProviderSetup.class.getClassLoader());
        ProviderRegistry registry = ProviderRegistry.builder()
                .useDefaultClassLoaders(false)
                .addClassLoader(loader)
                .environment(env)
                .build();
        return new ProviderSetup(plugins, registry);
    }

    /**
     * The registry over every provider found.
     *
     * @return the registry, closed by {@link #close()}
     */
    public ProviderRegistry registry() {
        return registry;
    }

    /**
     * What was wrong with the plugin configuration, e.g. a {@code G4J_PLUGINS} entry that does not exist.
     *
     * @return one line per problem
     */
    public List<String> warnings() {
        return plugins.warnings();
    }

    Plugins plugins() {
        return plugins;
    }

    /** Closes the providers the registry created. */
    @Override
    public void close() {
        registry.close();
    }
}
