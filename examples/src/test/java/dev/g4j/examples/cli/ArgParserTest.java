package dev.g4j.examples.cli;

import dev.g4j.provider.api.ProviderOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgParserTest {

    @Test
    void noArgumentsMeansChatWithDefaults() {
        CliOptions o = ArgParser.parse();

        assertThat(o.command()).isEqualTo(Command.CHAT);
        assertThat(o.prompt()).isNull();
        assertThat(o.model()).isNull();
        assertThat(o.provider()).isNull();
        assertThat(o.output()).isEqualTo(OutputMode.STREAM);
        assertThat(o.providerOptions()).isEqualTo(ProviderOptions.defaults());
    }

    @Test
    void promptWordsAreJoinedAndOptionsMayComeAnywhere() {
        CliOptions o = ArgParser.parse("why", "-m", "qwen-2.5", "is", "--system=Be brief.", "the", "sky", "blue?", "-pQwen_Qwen_2_5");

        assertThat(o.prompt()).isEqualTo("why is the sky blue?");
        assertThat(o.model()).isEqualTo("qwen-2.5");
        assertThat(o.system()).isEqualTo("Be brief.");
        assertThat(o.provider()).isEqualTo("Qwen_Qwen_2_5");
    }

    @Test
    void doubleDashEndsTheOptions() {
        assertThat(ArgParser.parse("--", "-5", "--json").prompt()).isEqualTo("-5 --json");
    }

    @Test
    void aLoneDashReadsStandardInput() {
        CliOptions o = ArgParser.parse("-", "--no-stream");
        assertThat(o.readStdin()).isTrue();
        assertThat(o.prompt()).isNull();
        assertThat(o.output()).isEqualTo(OutputMode.FINAL);
    }

    @Test
    void timeoutSetsTheTotalAndCapsIdleAndConnect() {
        ProviderOptions p = ArgParser.parse("--timeout", "2.5", "hi").providerOptions();

        assertThat(p.totalTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(p.idleTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ArgParser.parse("--timeout", "300", "hi").providerOptions().idleTimeout())
                .isEqualTo(ProviderOptions.DEFAULT_IDLE_TIMEOUT);
    }

    @Test
    void baseUrlAndProxyReachTheProviderOptions() {
        ProviderOptions p = ArgParser.parse("--base-url", "http://127.0.0.1:7860/", "--proxy", "socks5://127.0.0.1:1080", "x")
                .providerOptions();

        assertThat(p.baseUrl()).hasValueSatisfying(u -> assertThat(u).hasToString("http://127.0.0.1:7860"));
        assertThat(p.proxy()).hasValueSatisfying(u -> assertThat(u).hasToString("socks5://127.0.0.1:1080"));
    }

    @Test
    void listingsHelpAndVersion() {
        assertThat(ArgParser.parse("--list-providers").command()).isEqualTo(Command.LIST_PROVIDERS);
        assertThat(ArgParser.parse("--list-models").command()).isEqualTo(Command.LIST_MODELS);
        assertThat(ArgParser.parse("--version").command()).isEqualTo(Command.VERSION);
        assertThat(ArgParser.parse("-V").command()).isEqualTo(Command.VERSION);
        assertThat(ArgParser.parse("-h").command()).isEqualTo(Command.HELP);
        // Help wins, even over a mistake elsewhere on the line.
        assertThat(ArgParser.parse("--list-models", "some", "prompt", "--help").command()).isEqualTo(Command.HELP);
    }

    @Test
    void flags() {
        CliOptions o = ArgParser.parse("--json", "--demo", "--debug", "--interactive");
        assertThat(o.output()).isEqualTo(OutputMode.JSON);
        assertThat(o.demo()).isTrue();
        assertThat(o.debug()).isTrue();
        assertThat(o.interactive()).isTrue();
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertUsage("Unknown option '--modle'; did you mean --model?", "--modle", "x");
        assertUsage("Unknown option '-x'", "-x");
        assertUsage("Option --model needs a value", "--model");
        assertUsage("Option -m needs a value, but the next word is the option '--json'", "-m", "--json", "hi");
        assertUsage("Option --model needs a non-empty value", "--model=", "hi");
        assertUsage("Option --json takes no value", "--json=yes");
        assertUsage("takes a number of seconds", "--timeout", "soon", "hi");
        assertUsage("between 0 and 86400", "--timeout", "0", "hi");
        assertUsage("between 0 and 86400", "--timeout", "-3", "hi");
        assertUsage("--json and --no-stream cannot be combined", "--json", "--no-stream", "hi");
        assertUsage("--list-models takes no PROMPT", "--list-models", "hi");
        assertUsage("--list-providers and --list-models cannot be combined", "--list-providers", "--list-models");
        assertUsage("--demo and --base-url cannot be combined", "--demo", "--base-url", "http://127.0.0.1:1", "hi");
        assertUsage("--interactive starts a chat and takes no PROMPT", "--interactive", "hi");
        assertUsage("Unsupported proxy URL", "--proxy", "ftp://host:21", "hi");
        assertUsage("must be an absolute http:// or https:// URL", "--base-url", "localhost:7860", "hi");
        assertUsage("The PROMPT is empty", "  ");
        assertUsage("not both", "-", "hi");
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> ArgParser.parse(args)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }
}
