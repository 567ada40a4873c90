package dev.g4j.examples.cli;

import dev.g4j.provider.api.G4jHome;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds provider plugin jars and puts them on a class path. {@code java -jar} ignores {@code -cp}, so the CLI builds
 * its own {@link URLClassLoader} over the jars, a child of the loader that holds g4j, and the registry loads
 * providers through it.
 *
 * <p>The folders searched, in order:
 * <ol>
 *   <li>{@code plugins/} under the g4j home ({@link G4jHome}: the system property {@code g4j.home}, which the
 *       launcher sets to its own directory, else the environment variable {@code G4J_HOME}, else {@code ~/.g4j});
 *       never the current directory, which may hold anyone's jars;</li>
 *   <li>every entry of the environment variable {@code G4J_PLUGINS}, separated by {@link File#pathSeparator}; an
 *       entry may also name a jar.</li>
 * </ol>
 * Every {@code *.jar} directly in a folder is used, in name order.
 *
 * @param folders the folders (and single jars) that were searched
 * @param jars the jars found
 * @param warnings what was wrong with the configuration, e.g. a G4J_PLUGINS entry that does not exist
 */
record Plugins(List<Path> folders, List<Path> jars, List<String> warnings) {

    /** The environment variable naming extra plugin folders. */
    static final String ENV = "G4J_PLUGINS";

    /** Searches the standard places. */
    static Plugins discover() {
        Path home;
        try {
            home = G4jHome.resolve();
        } catch (IllegalStateException e) {
            Plugins others = discover(null, System.getenv(ENV));
            List<String> warnings = new ArrayList<>(others.warnings());
            warnings.add(0, e.getMessage() + "; only " + ENV + " is searched for plugins");
            return new Plugins(others.folders(), others.jars(), List.copyOf(warnings));
        }
        return discover(home.resolve("plugins"), System.getenv(ENV));
    }

    /** Searches {@code defaultFolder} (silently skipped when missing or null) and the entries of {@code envValue}. */
    static Plugins discover(Path defaultFolder, String envValue) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> folders = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Consumer<Path> addJar = jar -> {
            if (seen.add(real(jar))) {
                jars.add(jar.toAbsolutePath().normalize());
            }
        };
        Consumer<Path> addFolder = folder -> {
            Path normal = folder.toAbsolutePath().normalize();
            if (!folders.contains(normal)) {
                folders.add(normal);
            }
        };
        if (defaultFolder != null && Files.isDirectory(defaultFolder)) {
            addFolder.accept(defaultFolder);
            jarsIn(defaultFolder, warnings).forEach(addJar);
        }
        if (envValue != null) {
            for (String entry : envValue.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = Path.of(entry.strip());
                if (Files.isDirectory(p)) {
                    addFolder.accept(p);
                    jarsIn(p, warnings).forEach(addJar);
                } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                    addFolder.accept(p);
                    addJar.accept(p);
                } else {
                    warnings.add(ENV + " names '" + entry + "', which is neither a folder nor a .jar; it is skipped");
                }
            }
        }
        return new Plugins(List.copyOf(folders), List.copyOf(jars), List.copyOf(warnings));
    }

    /** A loader over the jars, child of {@code parent}; {@code parent} itself when there are none. */
    ClassLoader classLoader(ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("Cannot make a URL of " + jars.get(i), e);
            }
        }
        return new URLClassLoader("g4j-plugins", urls, parent);
    }

    private static List<Path> jarsIn(Path folder, List<String> warnings) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            warnings.add("Cannot read the plugin folder " + folder + ": " + e.getMessage());
            return List.of();
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
