package dev.g4j.provider.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The g4j home folder, where the {@code plugins/} folder and the providers file ({@code providers.json}) live. It is
 * the system property {@code g4j.home} when set (the {@code g4j} launcher sets it to its own folder), else the
 * environment variable {@code G4J_HOME}, else {@code ~/.g4j}. Never the current directory: a folder a user happens
 * to run a command in must not be able to inject code or configuration.
 */
public final class G4jHome {
    /** The system property that names the home folder. */
    public static final String PROPERTY = "g4j.home";
    /** The environment variable that names the home folder when the property is not set. */
    public static final String ENVIRONMENT_VARIABLE = "G4J_HOME";

    private G4jHome() {
    }

    /**
     * Resolves the home folder of this process.
     *
     * @return the absolute home folder; it may not exist
     */
    public static Path resolve() {
        return resolve(System.getProperties(), System.getenv());
    }

    /**
     * Resolves the home folder from the given settings, so that callers and tests need no real environment.
     *
     * @param systemProperties the system properties to read {@value #PROPERTY} and {@code user.home} from
     * @param environment the environment to read {@value #ENVIRONMENT_VARIABLE} from
     * @return the absolute home folder; it may not exist
     * @throws IllegalStateException when neither setting is present and {@code user.home} is not set either
     */
    public static Path resolve(Properties systemProperties, Map<String, String> environment) {
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(environment, "environment");
        String property = systemProperties.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.strip()).toAbsolutePath().normalize();
        }
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable.strip()).toAbsolutePath().normalize();
        }
        String userHome = systemProperties.getProperty("user.home");
        if (userHome == null || userHome.isBlank()) {
            throw new IllegalStateException("Cannot find the g4j home: set -D" + PROPERTY + "=FOLDER or "
                    + ENVIRONMENT_VARIABLE + " (user.home is not set either)");
        }
        return Path.of(userHome, ".g4j").toAbsolutePath().normalize();
    }
}
