package dev.g4j.examples.cli;

import dev.g4j.openai.testkit.OpenAiSimulator;
import dev.g4j.openai.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as a separate process with the OpenAI-compatible presets, pointed at the OpenAI simulator: pinning,
 * {@code --base-url}, {@code --upstream-key-env}, the providers file, the default order and model discovery.
 */
class CliOpenAiEndToEndTest {
    /** Looks like a real key, so that a leak would be obvious. */
    static final String KEY = "sk-live-G4jTestKey0123456789abcdefXYZ";
    static OpenAiSimulator open;
    static OpenAiSimulator keyed;

    @TempDir
    Path work;

    @BeforeAll
    static void startSimulators() {
        open = OpenAiSimulator.builder().acceptAnyModel(true).tokenDelay(Duration.ZERO).start();
        keyed = OpenAiSimulator.builder().acceptAnyModel(true).apiKey(KEY).tokenDelay(Duration.ZERO).start();
    }

    @AfterAll
    static void stopSimulators() {
        open.close();
        keyed.close();
    }

    private CliProcess cli() {
        return new CliProcess(work);
    }

    @Test
    void anOpenModelListTakesAnUnlistedPinnedNameWithColons() throws Exception {
        CliProcess.Result r = cli().run("-m", "Ollama:qwen2.5:7b", "--base-url", open.baseUrl(), "--no-stream", "hi");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo(OpenAiSimulator.DEFAULT_ANSWER + "\n");
        RecordedRequest sent = open.lastChatRequest().orElseThrow();
        assertThat(sent.json().get("model").asText()).isEqualTo("qwen2.5:7b");
    }

    @Test
    void baseUrlWithoutModelPinsTheFirstOfTheDefaultChainAndNeverFailsOver() throws Exception {
        CliProcess.Result r = cli().env("G4J_PROVIDER_ORDER", "LlamaCpp")
                .run("--base-url", open.baseUrl(), "--no-stream", "hi");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo(OpenAiSimulator.DEFAULT_ANSWER + "\n");
        assertThat(open.lastChatRequest().orElseThrow().json().get("model").asText()).isEqualTo("default");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliProcess.Result down = cli().env("G4J_PROVIDER_ORDER", "LlamaCpp")
                .run("--base-url", "http://127.0.0.1:" + closedPort + "/v1", "--no-stream", "hi");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCode.UPSTREAM);
        // One provider, one error: no RetryProviderException listing the others.
        assertThat(down.stderr()).contains("127.0.0.1:" + closedPort).doesNotContain("Qwen_Qwen_2_5");
    }

    @Test
    void upstreamKeyEnvSendsTheKeyAndNeverPrintsIt() throws Exception {
        CliProcess.Result r = cli().env("MY_UPSTREAM_KEY", KEY)
                .run("-p", "Ollama", "-m", "sim-model", "--base-url", keyed.baseUrl(), "--upstream-key-env",
                        "MY_UPSTREAM_KEY", "--json", "--debug", "hi");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(keyed.lastChatRequest().orElseThrow().header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.stdout()).contains(OpenAiSimulator.DEFAULT_ANSWER.split(" ")[0]).doesNotContain(KEY);
        assertThat(r.stderr()).doesNotContain(KEY);
        assertThat(Files.readString(work.resolve("stdout.txt"))).doesNotContain(KEY);
    }

    @Test
    void aRefusedKeyIsReportedWithoutTheKey() throws Exception {
        String wrong = KEY.replace("Key", "Bad");
        CliProcess.Result r = cli().env("MY_UPSTREAM_KEY", wrong)
                .run("-p", "Ollama", "-m", "sim-model", "--base-url", keyed.baseUrl(), "--upstream-key-env",
                        "MY_UPSTREAM_KEY", "--json", "--debug", "hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(r.stdout()).contains("\"type\":\"error\"").doesNotContain(wrong);
        assertThat(r.stderr()).contains("401").doesNotContain(wrong);
    }

    @Test
    void anUnsetKeyVariableIsAUsageErrorNamingIt() throws Exception {
        CliProcess.Result unset = cli().unsetEnv("G4J_TEST_NO_SUCH_KEY")
                .run("-p", "Ollama", "--upstream-key-env", "G4J_TEST_NO_SUCH_KEY", "hi");
        assertThat(unset.exitCode()).as(unset.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(unset.stderr()).contains("G4J_TEST_NO_SUCH_KEY", "not set");

        CliProcess.Result empty = cli().env("G4J_TEST_EMPTY_KEY", " ")
                .run("-p", "Ollama", "--upstream-key-env", "G4J_TEST_EMPTY_KEY", "hi");
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.stderr()).contains("G4J_TEST_EMPTY_KEY", "empty");

        CliProcess.Result pasted = cli().run("--upstream-key-env", KEY, "hi");
        assertThat(pasted.exitCode()).as(pasted.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(pasted.stderr()).contains("NAME of an environment variable").doesNotContain(KEY);
    }

    @Test
    void listModelsShowsWhatTheServerReports() throws Exception {
        CliProcess.Result r = cli().run("--list-models", "-p", "LMStudio", "--base-url", open.baseUrl());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("LMStudio (", "reported by the server", "sim-model", "sim-reasoner")
                .doesNotContain("Ollama (");
    }

    @Test
    void listProvidersShowsTheChainDisabledProvidersAndProvidersFileErrors() throws Exception {
        Path file = Files.writeString(work.resolve("my-providers.json"), """
                {"providers": [
                  {"name": "MySim", "type": "openai", "baseUrl": "%s", "models": ["sim-model"]},
                  {"name": "NoType"}
                ]}
                """.formatted(open.baseUrl()));
        CliProcess.Result r = cli().env("G4J_PROVIDERS", file.toString()).env("G4J_PROVIDER_ORDER", "MySim")
                .run("--list-providers");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^1 +MySim ")
                .contains("Default chain (", "): MySim, Qwen_Qwen_2_5")
                .contains("Groq: disabled, set GROQ_API_KEY")
                .contains("NoType from " + file + ":3", "no \"type\"")
                .contains("Providers file: " + file);
    }

    @Test
    void anUnknownProviderIsExitThreeWithTheClosestName() throws Exception {
        CliProcess.Result r = cli().run("-m", "Olama:qwen2.5:7b", "hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.UNKNOWN_MODEL);
        assertThat(r.stderr()).contains("No provider named 'Olama'", "Did you mean 'Ollama'?");
        assertThat(open.requests()).noneMatch(req -> req.body().contains("Olama"));
    }

    @Test
    void theKeyGoesToOneProviderOnlyWhileWithoutItTheChainFailsOver() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path file = Files.writeString(work.resolve("two.json"), """
                {"providers": [
                  {"name": "First", "type": "openai", "baseUrl": "http://127.0.0.1:%d/v1", "models": ["m"]},
                  {"name": "Second", "type": "openai", "baseUrl": "%s", "models": ["m"]}
                ]}
                """.formatted(closedPort, open.baseUrl()));
        int before = open.chatRequests().size();
        CliProcess.Result failover = cli().env("G4J_PROVIDERS", file.toString()).env("G4J_PROVIDER_ORDER", "First,Second")
                .run("--no-stream", "hi");
        assertThat(failover.exitCode()).as(failover.toString()).isZero();
        assertThat(open.chatRequests()).hasSize(before + 1);

        CliProcess.Result keyed = cli().env("G4J_PROVIDERS", file.toString()).env("G4J_PROVIDER_ORDER", "First,Second")
                .env("MY_UPSTREAM_KEY", KEY).run("--upstream-key-env", "MY_UPSTREAM_KEY", "--no-stream", "hi");
        assertThat(keyed.exitCode()).as(keyed.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(keyed.stderr()).contains("127.0.0.1:" + closedPort).doesNotContain(KEY);
        assertThat(open.chatRequests()).hasSize(before + 1);
    }
}
