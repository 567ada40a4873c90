package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.g4j.provider.registry.FixtureJars.FACTORY_SERVICE_FILE;
import static dev.g4j.provider.registry.FixtureJars.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;

/** ProviderFactory found by ServiceLoader in jars written at run time, broken entries isolated per entry. */
class FactoryDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void brokenFactoryEntriesNeverHideTheGoodOne() throws Exception {
        Path jar = FixtureJars.jar(dir, "factories.jar",
                List.of(FIXTURES + "JarFactory", FIXTURES + "JarFactory$Named", FIXTURES + "ThrowingConstructorFactory",
                        FIXTURES + "JarGoodProvider"),
                Map.of(FACTORY_SERVICE_FILE, List.of(FIXTURES + "MissingFactory", FIXTURES + "ThrowingConstructorFactory",
                                FIXTURES + "JarFactory"),
                        FixtureJars.SERVICE_FILE, List.of(FIXTURES + "JarGoodProvider")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path providersFile = Files.writeString(home.resolve("providers.json"),
                "{\"providers\": [\n {\"name\": \"FromFile\", \"type\": \"jarfactory\"}\n]}");
        try (URLClassLoader loader = FixtureJars.loader(jar);
             ProviderRegistry r = ProviderRegistry.builder().useDefaultClassLoaders(false).addClassLoader(loader)
                     .environment(Map.of()).home(home).build()) {
            assertThat(r.providers()).extracting(AsyncGeneratorProvider::name).containsExactly("JarGood", "FromFile", "JarLocal");
            List<String> failures = r.failures().stream().map(ProviderLoadFailure::describe).collect(Collectors.toList());
            assertThat(failures).hasSize(2)
                    .anyMatch(d -> d.contains(FIXTURES + "MissingFactory") && d.contains(jar.toString()))
                    .anyMatch(d -> d.contains(FIXTURES + "ThrowingConstructorFactory") && d.contains("failed on purpose"));
            assertThat(r.sourceOf(r.provider("FromFile"))).startsWith(jar.toString());
            assertThat(r.create("FromFile:", Messages.ofUser("hi")).text().get(5, TimeUnit.SECONDS)).isEqualTo("FromFile here");
            // plain providers first, then configured, then local
            assertThat(r.defaultChain()).extracting(AsyncGeneratorProvider::name).containsExactly("JarGood", "FromFile", "JarLocal");
            assertThat(providersFile).exists();
        }
    }
}
