package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ResponseChunk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.g4j.provider.registry.FixtureJars.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;

/** Discovery from jars written at run time, including broken ones. */
class DiscoveryTest {
    @TempDir
    static Path dir;

    static Path good;
    static Path goodCopy;
    static Path missing;
    static Path ctor;
    static Path notSubtype;
    static Path staticInit;
    static Path duplicate;

    @BeforeAll
    static void writeJars() {
        good = FixtureJars.jar(dir, "good.jar", List.of(FIXTURES + "JarGoodProvider", FIXTURES + "CloseFailsProvider"),
                List.of(FIXTURES + "CloseFailsProvider", FIXTURES + "JarGoodProvider"));
        goodCopy = FixtureJars.jar(dir, "good-copy.jar", List.of(FIXTURES + "JarGoodProvider"), List.of(FIXTURES + "JarGoodProvider"));
        missing = FixtureJars.jar(dir, "missing-class.jar", List.of(), List.of(FIXTURES + "DoesNotExist"));
        ctor = FixtureJars.jar(dir, "throwing-ctor.jar", List.of(FIXTURES + "ThrowingConstructorProvider"),
                List.of(FIXTURES + "ThrowingConstructorProvider"));
        notSubtype = FixtureJars.jar(dir, "not-subtype.jar", List.of(FIXTURES + "NotAProvider"), List.of(FIXTURES + "NotAProvider"));
        staticInit = FixtureJars.jar(dir, "static-init.jar", List.of(FIXTURES + "FailingStaticInitProvider"),
                List.of(FIXTURES + "FailingStaticInitProvider"));
        duplicate = FixtureJars.jar(dir, "duplicate.jar", List.of(FIXTURES + "JarDuplicateProvider"), List.of(FIXTURES + "JarDuplicateProvider"));
    }

    /** A fresh loader over every jar, broken ones first, so that no test sees a class another test initialised. */
    private static URLClassLoader allJars() {
        return FixtureJars.loader(missing, ctor, notSubtype, staticInit, good, duplicate);
    }

    private static ProviderRegistry onlyFrom(ClassLoader... loaders) {
        ProviderRegistry.Builder b = ProviderRegistry.builder().useDefaultClassLoaders(false);
        for (ClassLoader l : loaders) {
            b.addClassLoader(l);
        }
        return b.build();
    }

    @Test
    void findsAProviderInAJarAddedAtRunTime() throws Exception {
        try (URLClassLoader loader = FixtureJars.loader(good);
             ProviderRegistry registry = ProviderRegistry.load(loader)) {
            assertThat(registry.failures()).isEmpty();
            assertThat(registry.providers()).extracting(AsyncGeneratorProvider::name).containsExactly("CloseFails", "JarGood");
            AsyncGeneratorProvider p = registry.provider("jargood");
            assertThat(p.getClass().getClassLoader()).isSameAs(loader);
            assertThat(Path.of(registry.sourceOf(p))).isEqualTo(good);
            assertThat(registry.models()).containsExactly("jar-model", "jm");
            assertThat(registry.create("JM", Messages.ofUser("hi")).text().get(5, TimeUnit.SECONDS)).isEqualTo("jar says: hi");
        }
    }

    @Test
    void loadUsesTheThreadContextClassLoader() throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        try (URLClassLoader loader = FixtureJars.loader(good)) {
            t.setContextClassLoader(loader);
            try (ProviderRegistry registry = ProviderRegistry.load()) {
                assertThat(registry.find("JarGood")).isPresent();
            }
        } finally {
            t.setContextClassLoader(saved);
        }
    }

    @Test
    void everyBrokenEntryIsIsolatedAndReportedWithJarAndClass() throws IOException {
        try (URLClassLoader allJars = allJars(); ProviderRegistry registry = onlyFrom(allJars)) {
            assertThat(registry.providers()).extracting(AsyncGeneratorProvider::name).containsExactly("CloseFails", "JarGood");
            assertThat(Path.of(registry.sourceOf(registry.provider("JarGood")))).isEqualTo(good);

            List<ProviderLoadFailure> failures = registry.failures();
            assertThat(failures).extracting(ProviderLoadFailure::serviceEntry).containsExactly(
                    FIXTURES + "DoesNotExist", FIXTURES + "ThrowingConstructorProvider",
                    FIXTURES + "NotAProvider", FIXTURES + "FailingStaticInitProvider");
            assertThat(failures).extracting(f -> Path.of(f.source())).containsExactly(missing, ctor, notSubtype, staticInit);
            assertThat(failures).allSatisfy(f -> {
                assertThat(f.cause()).isInstanceOf(ServiceConfigurationError.class);
                assertThat(f.describe()).contains(f.serviceEntry()).contains(f.source());
            });
            assertThat(failures.get(0).describe()).contains("missing-class.jar", "not found");
            assertThat(failures.get(1).describe()).contains("throwing-ctor.jar", "constructor failed on purpose");
            assertThat(failures.get(2).describe()).contains("not-subtype.jar", "not a subtype");
            assertThat(failures.get(3).describe()).contains("static-init.jar", "static init failed on purpose");
            assertThat(rootCause(failures.get(3).cause())).hasMessage("static init failed on purpose");

            // the second time round the class is in error: NoClassDefFoundError, still isolated and attributed
            try (ProviderRegistry again = onlyFrom(allJars)) {
                assertThat(again.providers()).extracting(AsyncGeneratorProvider::name).containsExactly("CloseFails", "JarGood");
                ProviderLoadFailure staticAgain = again.failures().get(3);
                assertThat(staticAgain.serviceEntry()).isEqualTo(FIXTURES + "FailingStaticInitProvider");
                assertThat(Path.of(staticAgain.source())).isEqualTo(staticInit);
                assertThat(staticAgain.cause()).hasRootCauseInstanceOf(ExceptionInInitializerError.class);
                assertThat(staticAgain.describe()).contains("static-init.jar", "static init failed on purpose");
            }
        }
    }

    @Test
    void duplicateNamesAreReportedWithBothSourcesAndTheFirstWins() throws IOException {
        try (URLClassLoader allJars = allJars(); ProviderRegistry registry = onlyFrom(allJars)) {
            assertThat(registry.duplicates()).hasSize(1);
            DuplicateProvider d = registry.duplicates().get(0);
            assertThat(d.name()).isEqualTo("jargood");
            assertThat(d.keptClass()).isEqualTo(FIXTURES + "JarGoodProvider");
            assertThat(Path.of(d.keptSource())).isEqualTo(good);
            assertThat(d.ignoredClass()).isEqualTo(FIXTURES + "JarDuplicateProvider");
            assertThat(Path.of(d.ignoredSource())).isEqualTo(duplicate);
            assertThat(d.describe()).contains("good.jar", "duplicate.jar", "jargood");
            assertThat(registry.provider("JARGOOD").getClass().getName()).isEqualTo(FIXTURES + "JarGoodProvider");
        }
    }

    @Test
    void theSameClassFromTheSameLoaderCountsOnceButAnotherLoaderIsADuplicate() throws Exception {
        try (URLClassLoader first = FixtureJars.loader(good);
             URLClassLoader child = new URLClassLoader(new URL[0], first);
             URLClassLoader other = FixtureJars.loader(goodCopy)) {
            try (ProviderRegistry registry = onlyFrom(first, child, first)) {
                assertThat(registry.providers()).hasSize(2);
                assertThat(registry.duplicates()).isEmpty();
                assertThat(registry.failures()).isEmpty();
            }
            try (ProviderRegistry registry = onlyFrom(first, other)) {
                assertThat(registry.duplicates()).singleElement().satisfies(d -> {
                    assertThat(Path.of(d.keptSource())).isEqualTo(good);
                    assertThat(Path.of(d.ignoredSource())).isEqualTo(goodCopy);
                });
            }
        }
    }

    @Test
    void excludedNamesAreLeftOut() throws Exception {
        try (URLClassLoader loader = FixtureJars.loader(good);
             ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                     .addClassLoader(loader).exclude("closefails").build()) {
            assertThat(registry.providers()).extracting(AsyncGeneratorProvider::name).containsExactly("JarGood");
        }
    }

    @Test
    void closeClosesLoadedProvidersOnlyAndSwallowsFailures() throws Exception {
        ScriptedProvider mine = ScriptedProvider.named("Mine");
        String label;
        try (URLClassLoader loader = FixtureJars.loader(good)) {
            ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false)
                    .add(mine).addClassLoader(loader).build();
            assertThat(registry.providers()).extracting(AsyncGeneratorProvider::name).containsExactly("Mine", "CloseFails", "JarGood");
            assertThat(registry.sourceOf(mine)).isEqualTo("programmatic");
            label = registry.provider("JarGood").label();
            registry.close();
            registry.close();
            assertThat(TestEvents.EVENTS.stream().filter(e -> e.equals("closed " + label)).count()).isEqualTo(1);
            assertThat(mine.closed).isFalse();
        }
    }

    @Test
    void createStreamsProviderInfoThenTheAnswerFromAJarProvider() throws Exception {
        try (URLClassLoader loader = FixtureJars.loader(good);
             ProviderRegistry registry = ProviderRegistry.load(loader);
             Stream<ResponseChunk> chunks = registry.create("JarGood:", Messages.ofUser("ping")).stream()) {
            assertThat(chunks.collect(Collectors.toList())).containsExactly(
                    ResponseChunk.providerInfo("JarGood", "jar-model"), ResponseChunk.text("jar says: "),
                    ResponseChunk.text("ping"), ResponseChunk.finish("stop"));
        }
    }

    @Test
    void fixturesReallyComeFromTheJars() throws Exception {
        assertThat(Files.exists(good)).isTrue();
        try (URLClassLoader loader = FixtureJars.loader(good)) {
            Class<?> c = loader.loadClass(FIXTURES + "JarGoodProvider");
            assertThat(c.getClassLoader()).isSameAs(loader);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
