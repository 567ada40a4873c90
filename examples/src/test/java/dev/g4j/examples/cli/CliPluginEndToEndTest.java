package dev.g4j.examples.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as a separate process, with a provider plugin compiled and jarred by the test and found through
 * {@code G4J_PLUGINS} or the {@code plugins/} folder of the g4j home.
 */
class CliPluginEndToEndTest {
    @TempDir
    static Path shared;
    static Path pluginDir;

    @TempDir
    Path work;

    @BeforeAll
    static void buildPlugin() throws IOException {
        pluginDir = shared.resolve("plugin-folder");
        TestPlugin.build(shared.resolve("plugin-build"), pluginDir.resolve("echo-plugin.jar"), true);
    }

    private CliProcess cli() {
        return new CliProcess(work).env("G4J_PLUGINS", pluginDir.toString());
    }

    @Test
    void listProvidersShowsThePluginItsJarAndTheEntryThatFailed() throws Exception {
        CliProcess.Result r = cli().run("--list-providers");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Echo_Plugin", "Echo plugin", "working,stream,system,history",
                pluginDir.resolve("echo-plugin.jar").toString());
        assertThat(r.stdout()).contains("Failed to load (1):", "testplugin.BrokenPlugin");
        assertThat(r.stdout()).contains("Plugin folders:", pluginDir.toString() + " (1 jar)");
    }

    @Test
    void aJarInThePluginsFolderOfTheHomeIsFoundToo() throws Exception {
        Files.createDirectories(work.resolve("plugins"));
        Files.copy(pluginDir.resolve("echo-plugin.jar"), work.resolve("plugins/echo.jar"));

        CliProcess.Result r = new CliProcess(work).run("--list-providers");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Echo_Plugin", work.resolve("plugins").resolve("echo.jar").toString());
    }

    @Test
    void aMissingG4jPluginsFolderIsReportedOnStderr() throws Exception {
        CliProcess.Result r = new CliProcess(work).env("G4J_PLUGINS", work.resolve("no-such-folder").toString()).run("--list-providers");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).startsWith("g4j: warning: G4J_PLUGINS names '" + work.resolve("no-such-folder"));
        assertThat(r.stdout()).contains("Qwen_Qwen_2_5").doesNotContain("Echo_Plugin");
    }

    @Test
    void listModelsShowsModelsDefaultAndAliases() throws Exception {
        CliProcess.Result r = cli().run("--list-models");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Echo_Plugin (Echo plugin)").containsPattern("echo-1 +default; aliases: echo")
                .contains("echo-slow");
    }

    @Test
    void aPluginModelAnswersThePromptFromTheArguments() throws Exception {
        CliProcess.Result r = cli().run("-m", "echo", "hello", "world");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("echo: hello world | turns=0 | system=none\n");
        assertThat(r.stderr()).contains("[Echo_Plugin (echo-1)]");
    }

    @Test
    void providerModelPinsTheProvider() throws Exception {
        CliProcess.Result r = cli().run("-m", "Echo_Plugin:echo", "pinned");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("echo: pinned | turns=0 | system=none\n");
    }

    @Test
    void thePromptIsReadFromPipedStandardInput() throws Exception {
        CliProcess.Result r = cli().stdin("from a pipe\n").run("-m", "echo-1", "-s", "be brief");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("echo: from a pipe | turns=0 | system=be brief\n");
    }

    @Test
    void jsonPrintsOneObjectPerChunk() throws Exception {
        CliProcess.Result r = cli().run("--json", "--model=echo", "say \"hi\"");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"type\":\"").endsWith("}"));
        assertThat(lines.get(0)).isEqualTo("{\"type\":\"provider\",\"provider\":\"Echo_Plugin\",\"model\":\"echo-1\"}");
        assertThat(lines).contains("{\"type\":\"text\",\"text\":\" \\\"hi\\\"\"}");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"type\":\"finish\",\"reason\":\"stop\"}");
    }

    @Test
    void jsonReportsAnErrorAsTheLastObject() throws Exception {
        CliProcess.Result r = cli().run("--json", "-m", "nope", "hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.UNKNOWN_MODEL);
        assertThat(r.stdout().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("{\"type\":\"error\",\"exit_code\":3,\"error\":\"ModelNotFoundException\",\"message\":\"Unknown model 'nope'."));
        assertThat(r.stderr()).startsWith("g4j: Unknown model 'nope'.");
    }

    @Test
    void aReplacementThatExtendsThePrintedTextPrintsOnlyTheRest() throws Exception {
        CliProcess.Result r = cli().run("-m", "echo", "replace:");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Hello world!\n");
    }

    @Test
    void aRewriteIsNotedOnStderrAndPrintedAgainWhileNoStreamPrintsTheExactFinalText() throws Exception {
        CliProcess.Result streamed = cli().run("-m", "echo", "rewrite:");
        assertThat(streamed.exitCode()).as(streamed.toString()).isZero();
        assertThat(streamed.stdout()).isEqualTo("  indented\nindented text\n");
        assertThat(streamed.stderr()).contains("rewrote its answer");

        CliProcess.Result whole = cli().run("--no-stream", "-m", "echo", "rewrite:");
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        assertThat(whole.stdout()).isEqualTo("indented text\n");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        CliProcess.Result unknown = cli().run("--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.stderr()).contains("Unknown option '--frobnicate'", "g4j --help");
        assertThat(unknown.stdout()).isEmpty();

        CliProcess.Result noPrompt = cli().stdin("").run("-m", "echo");
        assertThat(noPrompt.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noPrompt.stderr()).contains("No prompt");
    }

    @Test
    void anUnknownModelOrProviderExitsWithThreeNamingTheValidOnes() throws Exception {
        CliProcess.Result model = cli().run("-m", "echo-2", "hi");
        assertThat(model.exitCode()).as(model.toString()).isEqualTo(ExitCode.UNKNOWN_MODEL);
        assertThat(model.stderr()).contains("echo-2", "echo-1", "--list-models", "failed to load");
        assertThat(model.stderr().lines().count()).isEqualTo(1);
        assertThat(model.stderr()).contains("Did you mean 'echo-1'?").doesNotContain("qwen-2.5,");

        CliProcess.Result pinned = cli().run("-m", "Echo_Plugin:echo-3", "hi");
        assertThat(pinned.exitCode()).as(pinned.toString()).isEqualTo(ExitCode.UNKNOWN_MODEL);
        assertThat(pinned.stderr()).contains("Unknown model 'echo-3' for provider Echo_Plugin", "Models: echo-1, echo-slow;");

        CliProcess.Result provider = cli().run("-p", "Echo_Plugn", "hi");
        assertThat(provider.exitCode()).as(provider.toString()).isEqualTo(ExitCode.UNKNOWN_MODEL);
        assertThat(provider.stderr()).contains("Did you mean 'Echo_Plugin'?");
    }

    @Test
    void anUnreachableHostGivesOneLineAndExitFour() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        CliProcess.Result r = cli().run("--base-url", "http://127.0.0.1:" + closedPort, "-m", "echo", "unreachable");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(r.stderr().lines().toList()).as("stderr is one line").singleElement()
                .satisfies(l -> assertThat(l).contains("127.0.0.1:" + closedPort, "--proxy", "--demo"));
        assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        CliProcess.Result r = cli().run("--debug", "--base-url", "http://127.0.0.1:9", "-m", "echo", "unreachable");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(r.stderr()).contains("UpstreamConnectionException", "\tat ");
    }

    @Test
    void theTimeoutEndsAHangingAnswerWithExitFive() throws Exception {
        CliProcess.Result r = cli().run("--timeout", "1", "-m", "echo-slow", "hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.TIMEOUT);
        assertThat(r.stdout()).startsWith("thinking");
        assertThat(r.stderr()).contains("No complete answer within 1 s", "--timeout");
    }

    @Test
    void theInteractiveChatKeepsHistoryAndHonoursResetAndSystem() throws Exception {
        String script = String.join("\n", "hello", "second", "/reset", "third", "/system be brief", "fourth",
                "/model nope", "/model echo-1", "fifth", "/exit", "never sent", "");

        CliProcess.Result r = cli().stdin(script).run("--interactive", "-m", "echo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().toList()).containsExactly(
                "echo: hello | turns=0 | system=none",
                "echo: second | turns=1 | system=none",
                "echo: third | turns=0 | system=none",
                "echo: fourth | turns=1 | system=be brief",
                "echo: fifth | turns=2 | system=be brief");
        assertThat(r.stderr()).contains("g4j chat with echo-1 (Echo_Plugin)", "Conversation cleared", "System prompt set",
                "Unknown model 'nope'", "Now chatting with echo-1 (Echo_Plugin)");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void ctrlCCancelsTheOneShotAnswerWithExit130() throws Exception {
        CliProcess.Started p = cli().start("-m", "echo-slow", "hi");
        assertThat(p.awaitStdout("thinking", Duration.ofSeconds(30))).as("first chunk printed").isTrue();

        sigint(p.process());

        CliProcess.Result r = p.await();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.INTERRUPTED);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void ctrlCInTheChatCancelsTheAnswerAndReturnsToThePrompt() throws Exception {
        CliProcess.Started p = cli().stdin("first\n/model echo\nsecond\n/exit\n").start("--interactive", "-m", "echo-slow");
        assertThat(p.awaitStdout("thinking", Duration.ofSeconds(30))).as("first chunk printed").isTrue();

        sigint(p.process());

        CliProcess.Result r = p.await();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("echo: second | turns=0");
        assertThat(r.stderr()).contains("cancelled");
    }

    private static void sigint(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
