package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out which jar or directory a provider (or a broken service entry) came from, by reading the service
 * files a class loader sees and by looking at a class's {@link CodeSource}.
 */
final class ProviderSources {
    /** Where provider jars list their implementations. */
    static final String SERVICE_FILE = "META-INF/services/" + AsyncGeneratorProvider.class.getName();
    /** The source reported when nothing better is known. */
    static final String UNKNOWN = "unknown";
    /** The source reported for instances the host passed in. */
    static final String PROGRAMMATIC = "programmatic";

    private final String serviceFile;

    /** Sources for the service files of {@code service}. */
    ProviderSources(Class<?> service) {
        this.serviceFile = "META-INF/services/" + service.getName();
    }

    /** Service entry (class name) to the jar or directory whose service file lists it first. */
    private final Map<String, String> entrySources = new LinkedHashMap<>();
    /** Every service file seen (its URL as text) to its jar or directory. */
    private final Map<String, String> serviceFiles = new LinkedHashMap<>();

    /** Reads every service file {@code loader} can see; unreadable files are skipped. */
    void index(ClassLoader loader) {
        Enumeration<URL> urls;
        try {
            urls = loader.getResources(serviceFile);
        } catch (IOException | RuntimeException e) {
            return;
        }
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            String source = locationOf(url, serviceFile);
            serviceFiles.putIfAbsent(url.toString(), source);
            for (String entry : entries(url)) {
                entrySources.putIfAbsent(entry, source);
            }
        }
    }

    /** The source of a service entry, or {@link #UNKNOWN}. */
    String sourceOfEntry(String className, ClassLoader loader) {
        String source = entrySources.get(className);
        if (source != null) {
            return source;
        }
        try {
            URL url = loader.getResource(className.replace('.', '/') + ".class");
            if (url != null) {
                return locationOf(url, className.replace('.', '/') + ".class");
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return UNKNOWN;
    }

    /** The source of a loaded provider class: its code source, else the service file that listed it. */
    String sourceOfClass(Class<?> type) {
        String fromCode = codeSourceOf(type);
        if (!UNKNOWN.equals(fromCode)) {
            return fromCode;
        }
        return type.getClassLoader() == null ? UNKNOWN : sourceOfEntry(type.getName(), type.getClassLoader());
    }

    /**
     * Guesses which service entry and source an error message is about: the longest known entry named in it
     * as a whole word, and the service file whose URL it quotes.
     *
     * @return {entry or null, source or null}
     */
    String[] attribute(String message) {
        if (message == null) {
            return new String[2];
        }
        String entry = null;
        for (String candidate : entrySources.keySet()) {
            if (mentions(message, candidate) && (entry == null || candidate.length() > entry.length())) {
                entry = candidate;
            }
        }
        String source = null;
        for (Map.Entry<String, String> file : serviceFiles.entrySet()) {
            if (message.contains(file.getKey())) {
                source = file.getValue();
                break;
            }
        }
        return new String[] {entry, source};
    }

    private static boolean mentions(String message, String name) {
        int from = 0;
        while (true) {
            int i = message.indexOf(name, from);
            if (i < 0) {
                return false;
            }
            int end = i + name.length();
            boolean startOk = i == 0 || !isNamePart(message.charAt(i - 1));
            boolean endOk = end == message.length() || !isNamePart(message.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean isNamePart(char c) {
        return c == '.' || c == '$' || Character.isJavaIdentifierPart(c);
    }

    static String codeSourceOf(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                return toPathText(cs.getLocation());
            }
        } catch (RuntimeException e) {
            // a security manager or an odd loader: fall back
        }
        return UNKNOWN;
    }

    /** The jar file or the class-path directory holding the resource at {@code url}. */
    static String locationOf(URL url, String resourceName) {
        try {
            if ("jar".equals(url.getProtocol())) {
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection) {
                    return toPathText(((JarURLConnection) connection).getJarFileURL());
                }
            }
            String text = url.toString();
            if (text.endsWith(resourceName)) {
                String base = text.substring(0, text.length() - resourceName.length());
                return toPathText(new URL(base));
            }
            return text;
        } catch (IOException | RuntimeException e) {
            return url.toString();
        }
    }

    private static String toPathText(URL url) {
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI()).toString();
            }
        } catch (Exception e) {
            // not a plain file URL
        }
        return url.toString();
    }

    private static List<String> entries(URL url) {
        List<String> names = new ArrayList<>();
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the ServiceLoader reports it
        }
        return names;
    }

}
