package dev.g4j.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PluginsTest {
    @TempDir
    Path dir;

    @Test
    void findsJarsInTheDefaultFolderAndInG4jPluginsInOrderWithoutRepeats() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/plugins"));
        Files.writeString(home.resolve("b.jar"), "");
        Files.writeString(home.resolve("a.jar"), "");
        Files.writeString(home.resolve("notes.txt"), "");
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("c.jar"), "");
        Path single = Files.writeString(dir.resolve("single.jar"), "");

        Plugins p = Plugins.discover(home, String.join(File.pathSeparator, extra.toString(), "", single.toString(), home.toString()));

        assertThat(p.jars()).containsExactly(home.resolve("a.jar"), home.resolve("b.jar"), extra.resolve("c.jar"), single);
        assertThat(p.folders()).containsExactly(home, extra, single);
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void aMissingDefaultFolderIsFineButAMissingG4jPluginsEntryIsReported() {
        Plugins p = Plugins.discover(dir.resolve("nowhere"), dir.resolve("missing").toString());

        assertThat(p.jars()).isEmpty();
        assertThat(p.folders()).isEmpty();
        assertThat(p.warnings()).singleElement().asString().contains("G4J_PLUGINS names", "missing", "skipped");
    }

    @Test
    void theClassLoaderIsAChildOverTheJarsOrTheParentItselfWhenThereAreNone() throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        assertThat(Plugins.discover(dir.resolve("nowhere"), null).classLoader(parent)).isSameAs(parent);

        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("plugins/x.jar"), "");
        ClassLoader loader = Plugins.discover(dir.resolve("plugins"), null).classLoader(parent);
        assertThat(loader).isInstanceOf(URLClassLoader.class);
        assertThat(loader.getParent()).isSameAs(parent);
        assertThat(((URLClassLoader) loader).getURLs()).singleElement().asString().endsWith("/plugins/x.jar");
    }
}
