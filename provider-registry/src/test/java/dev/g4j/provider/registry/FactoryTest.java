package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider factories and the providers file: entries by type, the environment, and bad input reported. */
class FactoryTest {
    @TempDir
    Path dir;

    /** Makes one provider per entry (named after it) and a hosted preset enabled by DEMO_KEY. */
    private final TestFactory demo = new TestFactory("demo", ctx -> {
        List<ProviderOutcome> out = new ArrayList<>();
        for (ProviderEntry e : ctx.entries()) {
            String url = e.string("url");
            if (url == null) {
                out.add(new ProviderOutcome.Rejected(e.string("name"), e.source(), "\"url\" is missing; add the server's URL"));
            } else {
                out.add(new ProviderOutcome.Created(ScriptedProvider.named(e.string("name"))));
            }
        }
        out.add(ctx.env("DEMO_KEY") == null ? new ProviderOutcome.Disabled("DemoCloud", "set DEMO_KEY to enable it")
                : new ProviderOutcome.Created(ScriptedProvider.named("DemoCloud"), ProviderOutcome.Origin.HOSTED));
        return out;
    });

    private Path file(String json) throws IOException {
        Path f = dir.resolve("providers.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private ProviderRegistry.Builder builder(Map<String, String> env) {
        return ProviderRegistry.builder().useDefaultClassLoaders(false).environment(env).home(dir);
    }

    private static List<String> names(ProviderRegistry r) {
        return r.providers().stream().map(AsyncGeneratorProvider::name).collect(Collectors.toList());
    }

    private static List<String> failures(ProviderRegistry r) {
        return r.failures().stream().map(ProviderLoadFailure::describe).collect(Collectors.toList());
    }

    @Test
    void entriesOfItsTypeReachTheFactoryWithFileAndLine() throws IOException {
        Path f = file("{\n"
                + "  \"providers\": [\n"
                + "    {\"name\": \"One\", \"type\": \"demo\", \"url\": \"http://127.0.0.1:1\", \"models\": [\"a\", \"b\"],\n"
                + "     \"limits\": {\"rpm\": 60}, \"stream\": true},\n"
                + "    {\n"
                + "      \"name\": \"Two\", \"type\": \"DEMO\", \"url\": \"http://127.0.0.1:2\"\n"
                + "    }\n"
                + "  ]\n"
                + "}\n");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(failures(r)).isEmpty();
            assertThat(names(r)).containsExactly("One", "Two");
            List<ProviderEntry> entries = demo.context.entries();
            assertThat(entries).extracting(ProviderEntry::source).containsExactly(f + ":3", f + ":5");
            assertThat(entries.get(0).values()).containsEntry("models", List.of("a", "b"))
                    .containsEntry("limits", Map.of("rpm", 60)).containsEntry("stream", true);
            assertThat(demo.context.home()).isEqualTo(dir);
            assertThat(r.disabled()).containsExactly(new ProviderOutcome.Disabled("DemoCloud", "set DEMO_KEY to enable it"));
            assertThat(r.sourceOf(r.provider("One"))).contains("factory 'demo'");
        }
    }

    @Test
    void theInjectedEnvironmentEnablesPresets() {
        try (ProviderRegistry r = builder(Map.of("DEMO_KEY", "secret")).addFactory(demo).build()) {
            assertThat(names(r)).containsExactly("DemoCloud");
            assertThat(r.disabled()).isEmpty();
            assertThat(demo.context.env("DEMO_KEY")).isEqualTo("secret");
        }
    }

    @Test
    void badEntriesAreReportedWithFileAndLineAndHideNothing() throws IOException {
        Path f = file("{\"providers\": [\n"
                + "  {\"name\": \"NoType\"},\n"
                + "  {\"name\": \"Typo\", \"type\": \"demi\"},\n"
                + "  {\"name\": 42, \"type\": \"demo\"},\n"
                + "  \"just a string\",\n"
                + "  {\"name\": \"NoUrl\", \"type\": \"demo\"},\n"
                + "  {\"name\": \"Good\", \"type\": \"demo\", \"url\": \"http://127.0.0.1:3\"}\n"
                + "]}\n");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(names(r)).containsExactly("Good");
            assertThat(failures(r)).hasSize(5);
            assertThat(r.failures()).extracting(ProviderLoadFailure::source)
                    .containsExactlyInAnyOrder(f + ":2", f + ":3", f + ":4", f + ":5", f + ":6");
            assertThat(failures(r)).anyMatch(d -> d.contains("NoType") && d.contains("no \"type\""))
                    .anyMatch(d -> d.contains("Typo") && d.contains("no provider factory reads type 'demi'")
                            && d.contains("Did you mean 'demo'?"))
                    .anyMatch(d -> d.contains("\"name\" must be a non-blank string"))
                    .anyMatch(d -> d.contains("entry #4") && d.contains("must be an object"))
                    .anyMatch(d -> d.contains("NoUrl") && d.contains("\"url\" is missing"));
        }
    }

    @Test
    void aMalformedFileIsReportedAndTheFactoriesStillRun() throws IOException {
        Path f = file("{\"providers\": [\n  {\"name\": \"Early\", \"type\": \"demo\", \"url\": \"u\"},\n  {\"name\": oops}\n]}");
        try (ProviderRegistry r = builder(Map.of("DEMO_KEY", "k")).addFactory(demo).build()) {
            assertThat(names(r)).containsExactly("Early", "DemoCloud");
            assertThat(r.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.source()).isEqualTo(f + ":3");
                assertThat(failure.describe()).contains("malformed JSON");
            });
        }
    }

    @Test
    void duplicateKeysAndAWrongShapeAreProblemsToo() throws IOException {
        file("{\"providers\": [{\"name\": \"A\", \"type\": \"demo\", \"type\": \"other\"}]}");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("Duplicate field 'type'");
        }
        file("[1, 2]");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("must hold a JSON object");
        }
        file("{\"providers\": {\"name\": \"A\"}}");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("\"providers\" must be a list");
        }
    }

    @Test
    void theVariableNamesTheFileAndAMissingNamedFileIsReported() throws IOException {
        Path other = dir.resolve("elsewhere.json");
        Files.writeString(other, "{\"providers\": [{\"name\": \"FromVar\", \"type\": \"demo\", \"url\": \"u\"}]}");
        file("{\"providers\": [{\"name\": \"FromHome\", \"type\": \"demo\", \"url\": \"u\"}]}");
        try (ProviderRegistry r = builder(Map.of("G4J_PROVIDERS", other.toString())).addFactory(demo).build()) {
            assertThat(names(r)).containsExactly("FromVar");
        }
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(names(r)).containsExactly("FromHome");
        }
        try (ProviderRegistry r = builder(Map.of("G4J_PROVIDERS", dir.resolve("gone.json").toString())).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("gone.json").contains("does not exist");
        }
        try (ProviderRegistry r = builder(Map.of()).providersFile(dir.resolve("none.json")).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("none.json");
        }
    }

    @Test
    void hostileFilesAreBoundedAndReported() throws IOException {
        Path f = dir.resolve("providers.json");
        Files.write(f, new byte[(1 << 20) + 1]);
        try (ProviderRegistry r = builder(Map.of("DEMO_KEY", "k")).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("more than the 1048576");
            assertThat(names(r)).containsExactly("DemoCloud");
        }
        file("{\"providers\": [{\"name\": \"Deep\", \"type\": \"demo\", \"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}]}");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("malformed JSON").contains("nesting depth");
        }
        try (ProviderRegistry r = builder(Map.of("G4J_PROVIDERS", "bad\u0000path")).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("not a valid path");
        }
    }

    @Test
    void aMalformedValueIsNotEchoedSinceItMayBeAKey() throws IOException {
        file("{\"providers\": [\n {\"name\": \"A\", \"type\": \"demo\", \"apiKey\": sk-live-0123456789}\n]}");
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(failures(r)).singleElement().asString().contains("malformed JSON at line 2")
                    .doesNotContain("0123456789");
        }
    }

    @Test
    void anAbsentDefaultFileIsNoProblem() {
        try (ProviderRegistry r = builder(Map.of()).addFactory(demo).build()) {
            assertThat(r.failures()).isEmpty();
            assertThat(demo.context.entries()).isEmpty();
        }
    }

    @Test
    void aFactoryThatThrowsIsIsolated() {
        TestFactory broken = new TestFactory("broken", ctx -> {
            throw new IllegalStateException("factory bug");
        });
        TestFactory nulls = new TestFactory("nulls", ctx -> null);
        try (ProviderRegistry r = builder(Map.of("DEMO_KEY", "k")).addFactory(broken).addFactory(nulls).addFactory(demo).build()) {
            assertThat(names(r)).containsExactly("DemoCloud");
            assertThat(failures(r)).hasSize(2).anyMatch(d -> d.contains(TestFactory.class.getName()) && d.contains("factory bug"))
                    .anyMatch(d -> d.contains("createProviders returned null"));
        }
    }

    @Test
    void duplicateTypesAndNamesFollowTheProviderRules() {
        TestFactory second = new TestFactory("demo", ctx -> List.of(new ProviderOutcome.Created(ScriptedProvider.named("Other"))));
        ScriptedProvider programmatic = ScriptedProvider.named("DemoCloud");
        try (ProviderRegistry r = builder(Map.of("DEMO_KEY", "k")).add(programmatic).addFactory(demo).addFactory(second).build()) {
            assertThat(names(r)).containsExactly("DemoCloud");
            assertThat(r.provider("DemoCloud")).isSameAs(programmatic);
            assertThat(r.duplicates()).extracting(DuplicateProvider::name).containsExactly("factory type demo", "DemoCloud");
            assertThat(second.context).isNull();
        }
        assertThat(programmatic.closed).isFalse();
    }

    @Test
    void factoryProvidersAreClosedWithTheRegistry() {
        ScriptedProvider made = ScriptedProvider.named("Made");
        TestFactory f = new TestFactory("made", ctx -> List.of(new ProviderOutcome.Created(made, ProviderOutcome.Origin.LOCAL)));
        ProviderRegistry r = builder(Map.of()).addFactory(f).build();
        assertThat(names(r)).containsExactly("Made");
        r.close();
        assertThat(made.closed).isTrue();
    }
}
