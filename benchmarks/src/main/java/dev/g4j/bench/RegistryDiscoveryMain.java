package dev.g4j.bench;

import dev.g4j.provider.registry.ProviderRegistry;

import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM: times {@link ProviderRegistry#load()} (ServiceLoader discovery and instantiation of every
 * provider on the class path) and prints {@code REGISTRY loadMs=… providers=… jvmToMainMs=…}.
 */
public final class RegistryDiscoveryMain {
    private RegistryDiscoveryMain() {
    }

    /** Loads the registry once and prints the timing. */
    public static void main(String[] args) {
        long uptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        int providers;
        int models;
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            providers = registry.providers().size();
            long t1 = System.nanoTime();
            models = registry.models().size();
            System.out.println("REGISTRY loadMs=" + StreamClientMain.fmt((t1 - t0) / 1e6) + " providers=" + providers
                    + " models=" + models + " jvmToMainMs=" + uptimeAtMain);
        }
    }
}
