package dev.g4j.provider.registry;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled module declaration: what it needs, uses and exports. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws URISyntaxException {
        Path classes = Path.of(ProviderRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleReference ref = ModuleFinder.of(classes).find("dev.g4j.provider.registry").orElseThrow();
        return ref.descriptor();
    }

    @Test
    void exportsOnlyTheApiPackageAndUsesBothServiceTypes() throws Exception {
        ModuleDescriptor d = descriptor();
        assertThat(d.isAutomatic()).isFalse();
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.g4j.provider.registry");
        assertThat(d.exports()).allMatch(e -> !e.isQualified());
        assertThat(d.packages()).contains("dev.g4j.provider.registry.internal");
        assertThat(d.uses()).containsExactlyInAnyOrder("dev.g4j.provider.api.AsyncGeneratorProvider",
                "dev.g4j.provider.api.ProviderFactory");
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .contains("dev.g4j.provider.api", "com.fasterxml.jackson.databind");
    }

    @Test
    void theseTestsRunOnTheClassPathLikeTheCliAndHostApps() {
        assertThat(ProviderRegistry.class.getModule().isNamed()).isFalse();
    }
}
