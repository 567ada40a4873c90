package dev.g4j.provider.qwen25.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * The soak test's knobs, from system properties (or the environment), so that a run can be repeated or stretched:
 *
 * <ul>
 *   <li>{@code g4j.soak} / {@code G4J_SOAK}: {@code long} enables the long run</li>
 *   <li>{@code g4j.soak.seed} / {@code G4J_SOAK_SEED}: the seed (default: random, printed)</li>
 *   <li>{@code g4j.soak.streams}, {@code g4j.soak.minutes}, {@code g4j.soak.inflight}: override the mode's size</li>
 * </ul>
 */
final class SoakSettings {
    private SoakSettings() {
    }

    static boolean longMode() {
        return "long".equals(setting("g4j.soak", "").strip().toLowerCase(Locale.ROOT));
    }

    static long seed() {
        String given = setting("g4j.soak.seed", "");
        return given.isBlank() ? System.nanoTime() ^ Double.doubleToLongBits(Math.random()) : Long.parseLong(given.strip());
    }

    /** The CI run: a few hundred streams, bounded to well under 40 s on two busy cores. */
    static SoakRunner.Config quick() {
        return new SoakRunner.Config(seed(), intSetting("g4j.soak.streams", 2000),
                Duration.ofSeconds(Long.parseLong(setting("g4j.soak.seconds", "20"))), intSetting("g4j.soak.inflight", 32),
                Duration.ofMillis(2), 12, Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(20), 32 * 1024,
                32L * 1024 * 1024, Integer.MAX_VALUE);
    }

    /** The long run: minutes of streams, more in flight, longer prompts. */
    static SoakRunner.Config longRun() {
        return new SoakRunner.Config(seed(), intSetting("g4j.soak.streams", Integer.MAX_VALUE),
                Duration.ofMinutes(Long.parseLong(setting("g4j.soak.minutes", "6"))), intSetting("g4j.soak.inflight", 64),
                Duration.ofMillis(2), 30, Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(30), 32 * 1024,
                32L * 1024 * 1024, intSetting("g4j.soak.perSimulator", 20_000));
    }

    private static int intSetting(String name, int defaultValue) {
        String value = setting(name, "");
        return value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
    }

    /** A system property, else the environment variable of the same name upper-cased with '_' for '.'. */
    static String setting(String name, String defaultValue) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null ? defaultValue : value;
    }
}
