package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs fixture classes (compiled into test-classes) into jars at run time, and loads them through a
 * {@link URLClassLoader} whose parent hides the fixtures package, so every fixture class really comes from its jar.
 */
final class FixtureJars {
    static final String FIXTURES = "dev.g4j.provider.registry.fixtures.";
    private static final String FIXTURES_PATH = FIXTURES.replace('.', '/');
    static final String SERVICE_FILE = "META-INF/services/" + AsyncGeneratorProvider.class.getName();
    static final String FACTORY_SERVICE_FILE = "META-INF/services/" + ProviderFactory.class.getName();

    private FixtureJars() {
    }

    /**
     * Writes {@code dir/name} holding the given fixture classes and a service file listing {@code entries}
     * (which may name classes that are not in the jar).
     */
    static Path jar(Path dir, String name, List<String> classes, List<String> entries) {
        return jar(dir, name, classes, Map.of(SERVICE_FILE, entries));
    }

    /** Writes {@code dir/name} holding the given fixture classes and one service file per map entry. */
    static Path jar(Path dir, String name, List<String> classes, Map<String, List<String>> serviceFiles) {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            for (String className : classes) {
                String resource = className.replace('.', '/') + ".class";
                jos.putNextEntry(new JarEntry(resource));
                try (InputStream in = FixtureJars.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("fixture class not compiled: " + resource);
                    }
                    in.transferTo(jos);
                }
                jos.closeEntry();
            }
            for (Map.Entry<String, List<String>> file : serviceFiles.entrySet()) {
                jos.putNextEntry(new JarEntry(file.getKey()));
                jos.write(("# test services\n" + String.join("\n", file.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A loader over the jars whose parent sees provider-api and the tests but not the fixtures. */
    static URLClassLoader loader(Path... jars) {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            try {
                urls[i] = jars[i].toUri().toURL();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new URLClassLoader("fixtures", urls, HIDING);
    }

    private static final ClassLoader HIDING = new ClassLoader("hide-fixtures", FixtureJars.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(FIXTURES)) {
                throw new ClassNotFoundException(name + " is hidden: it must come from a test jar");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith(FIXTURES_PATH) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith(FIXTURES_PATH) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    };
}
