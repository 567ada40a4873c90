package dev.g4j.check;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a host that imports only g4j-bom gets: a working chat through the registry, and one Jackson. */
class BomConsumerTest {

    @Test
    void chatsThroughTheRegistryWithTheSimulator() throws Exception {
        try (GradioSimulator simulator = GradioSimulator.builder().start();
             ProviderRegistry registry = ProviderRegistry.load()) {
            ProviderOptions options = ProviderOptions.builder().baseUrl(simulator.baseUrl())
                    .connectTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(30)).build();
            String answer = registry.create("qwen-2.5", Messages.ofUser("hello from a BOM consumer"), options)
                    .text().get(30, TimeUnit.SECONDS);
            assertEquals("You said: hello from a BOM consumer", answer);
        }
    }

    @Test
    void jacksonCoreAndDatabindAreOneVersion() {
        // Version.equals also compares the artifact id, so compare the version numbers.
        assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(),
                "jackson-core and jackson-databind differ: a host importing g4j-bom must get one Jackson");
        List<String> jacksonJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> new File(entry).getName())
                .filter(name -> name.startsWith("jackson-core-") || name.startsWith("jackson-databind-"))
                .sorted()
                .collect(Collectors.toList());
        assertEquals(2, jacksonJars.size(), "expected one jackson-core and one jackson-databind jar: " + jacksonJars);
        String core = jacksonJars.get(0).substring("jackson-core-".length());
        String databind = jacksonJars.get(1).substring("jackson-databind-".length());
        assertEquals(core, databind, "jar versions differ: " + jacksonJars);
    }
}
