package dev.g4j.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTest {

    @Test
    void helpDocumentsTheRegistrySettingsAndFitsATerminal() {
        String help = Usage.text();

        assertThat(help).contains("--upstream-key-env NAME", "G4J_PROVIDER_ORDER", "G4J_PROVIDERS", "providers.json",
                "turns failover off");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
    }

    @Test
    void upstreamKeyEnvTakesAVariableName() {
        assertThat(ArgParser.parse("--upstream-key-env", "GROQ_API_KEY", "hi").upstreamKeyEnv()).isEqualTo("GROQ_API_KEY");
        assertThat(ArgParser.parse("--upstream-key-env=MY_KEY", "hi").upstreamKeyEnv()).isEqualTo("MY_KEY");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArgParser.parse("--upstream-key-env", "sk-abc", "hi"))
                .isInstanceOf(UsageException.class).hasMessageNotContaining("sk-abc");
    }
}
