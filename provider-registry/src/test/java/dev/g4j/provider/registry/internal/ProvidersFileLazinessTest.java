package dev.g4j.provider.registry.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Most installations have no providers file: checking for it must not load Jackson databind, which costs the CLI
 * hundreds of classes before its first request. Each check runs in a fresh class loader, so that classes loaded by
 * other tests do not count.
 */
class ProvidersFileLazinessTest {

    @Test
    void aMissingFileLoadsNoDatabindClass(@TempDir Path dir) throws Exception {
        try (Isolated loader = new Isolated()) {
            read(loader, dir.resolve("providers.json"));
            assertThat(loader.loaded("com.fasterxml.jackson.databind.ObjectMapper")).isFalse();
        }
    }

    @Test
    void anExistingFileIsParsedWithDatabind(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("providers.json"), "{\"providers\": [{\"type\": \"openai\"}]}");
        try (Isolated loader = new Isolated()) {
            Object contents = read(loader, file);
            assertThat(contents.toString()).contains("type=openai");
            assertThat(loader.loaded("com.fasterxml.jackson.databind.ObjectMapper")).isTrue();
        }
    }

    private static Object read(ClassLoader loader, Path file) throws Exception {
        Class<?> type = Class.forName(ProvidersFile.class.getName(), true, loader);
        assertThat(type.getClassLoader()).isSameAs(loader);
        Method read = type.getMethod("read", Path.class, boolean.class);
        return read.invoke(null, file, false);
    }

    /** Loads the test class path itself (child first), and tells which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws Exception {
            super("isolated", urls(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] urls() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            return urls.toArray(URL[]::new);
        }
    }
}
