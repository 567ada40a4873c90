package dev.g4j.provider.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.AsyncGeneratorProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.g4j.provider.registry.FixtureJars.FACTORY_SERVICE_FILE;
import static dev.g4j.provider.registry.FixtureJars.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry as a named module (its module-info with both {@code uses}, Jackson read from the module path) still
 * finds class-path providers and factories through META-INF/services and reads the providers file.
 */
class ModulePathTest {
    @TempDir
    Path dir;

    private static Path locationOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theNamedModuleFindsClassPathServicesAndReadsTheProvidersFile() throws Exception {
        ModuleFinder finder = ModuleFinder.of(locationOf(ProviderRegistry.class), locationOf(AsyncGeneratorProvider.class),
                locationOf(JsonFactory.class), locationOf(ObjectMapper.class), locationOf(JsonProperty.class));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.g4j.provider.registry"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader modules = layer.findLoader("dev.g4j.provider.registry");
        Class<?> registryType = modules.loadClass(ProviderRegistry.class.getName());
        assertThat(registryType.getModule().isNamed()).isTrue();
        assertThat(registryType.getModule().getDescriptor().uses()).hasSize(2);

        Path jar = FixtureJars.jar(dir, "factory.jar", List.of(FIXTURES + "JarFactory", FIXTURES + "JarFactory$Named"),
                Map.of(FACTORY_SERVICE_FILE, List.of(FIXTURES + "JarFactory"),
                        FixtureJars.SERVICE_FILE, List.of(FIXTURES + "NotThere")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("providers.json"), "{\"providers\": [{\"name\": \"Configured\", \"type\": \"jarfactory\"}]}");
        try (URLClassLoader plugins = new URLClassLoader("plugins", new java.net.URL[] {jar.toUri().toURL()}, modules)) {
            Object builder = registryType.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("useDefaultClassLoaders", boolean.class).invoke(builder, false);
            builderType.getMethod("addClassLoader", ClassLoader.class).invoke(builder, plugins);
            builderType.getMethod("environment", Map.class).invoke(builder, Map.of());
            builderType.getMethod("home", Path.class).invoke(builder, home);
            Object registry = builderType.getMethod("build").invoke(builder);
            try {
                List<?> providers = (List<?>) registryType.getMethod("providers").invoke(registry);
                List<String> names = new java.util.ArrayList<>();
                for (Object p : providers) {
                    Method name = p.getClass().getMethod("name");
                    names.add((String) name.invoke(p));
                }
                assertThat(names).containsExactly("Configured", "JarLocal");
                List<?> failures = (List<?>) registryType.getMethod("failures").invoke(registry);
                // the missing provider class is reported per entry; no "(service loader)" failure for a missing 'uses'
                assertThat(failures).singleElement().asString().contains(FIXTURES + "NotThere");
            } finally {
                registryType.getMethod("close").invoke(registry);
            }
        }
    }
}
