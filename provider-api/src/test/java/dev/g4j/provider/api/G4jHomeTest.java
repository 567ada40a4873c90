package dev.g4j.provider.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class G4jHomeTest {
    @TempDir
    Path tmp;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void thePropertyWinsOverTheEnvironment() {
        Path home = G4jHome.resolve(props("g4j.home", tmp.resolve("a").toString(), "user.home", "/nowhere"),
                Map.of("G4J_HOME", tmp.resolve("b").toString()));
        assertThat(home).isEqualTo(tmp.resolve("a"));
    }

    @Test
    void theEnvironmentIsUsedWhenThePropertyIsUnset() {
        Path home = G4jHome.resolve(props("user.home", "/nowhere"), Map.of("G4J_HOME", tmp.resolve("b").toString()));
        assertThat(home).isEqualTo(tmp.resolve("b"));
    }

    @Test
    void theDefaultIsDotG4jInTheUserHomeNeverTheCurrentDirectory() {
        Path home = G4jHome.resolve(props("user.home", tmp.toString()), Map.of());
        assertThat(home).isEqualTo(tmp.resolve(".g4j"));
        assertThat(home).isNotEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void blankSettingsAreIgnored() {
        Path home = G4jHome.resolve(props("g4j.home", "  ", "user.home", tmp.toString()), Map.of("G4J_HOME", ""));
        assertThat(home).isEqualTo(tmp.resolve(".g4j"));
    }

    @Test
    void noSettingAtAllIsExplained() {
        assertThatThrownBy(() -> G4jHome.resolve(new Properties(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("G4J_HOME");
    }
}
