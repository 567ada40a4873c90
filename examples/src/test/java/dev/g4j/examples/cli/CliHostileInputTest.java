package dev.g4j.examples.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a separate process against hostile folders, servers and input. */
class CliHostileInputTest {
    static final String PASSWORD = "S3cr3tPass";

    @TempDir
    static Path shared;
    static Path pluginJar;

    @TempDir
    Path work;

    @BeforeAll
    static void buildPlugin() throws IOException {
        pluginJar = TestPlugin.build(shared.resolve("plugin-build"), shared.resolve("plugin/echo-plugin.jar"), false);
    }

    private CliProcess withPlugin() {
        return new CliProcess(work).env("G4J_PLUGINS", pluginJar.toString());
    }

    @Test
    void pluginsOfTheCurrentDirectoryAreNeverLoaded() throws Exception {
        Path untrusted = Files.createDirectories(work.resolve("untrusted/plugins"));
        Files.copy(pluginJar, untrusted.resolve("evil.jar"));
        Path userHome = Files.createDirectories(work.resolve("user"));

        // A bare 'java -jar g4j.jar': no -Dg4j.home, no G4J_HOME; the home is then ~/.g4j.
        CliProcess.Result bare = new CliProcess(work).directory(untrusted.getParent()).withoutHomeProperty()
                .unsetEnv("G4J_HOME").jvmArg("-Duser.home=" + userHome).run("--list-providers");

        assertThat(bare.exitCode()).as(bare.toString()).isZero();
        assertThat(bare.stdout()).doesNotContain("Echo_Plugin", "evil.jar", untrusted.toString());

        // The control: the same jar in the home's plugins/ is loaded, so the run above would have shown it.
        Files.createDirectories(userHome.resolve(".g4j/plugins"));
        Files.copy(pluginJar, userHome.resolve(".g4j/plugins/echo.jar"));
        CliProcess.Result home = new CliProcess(work).directory(untrusted.getParent()).withoutHomeProperty()
                .unsetEnv("G4J_HOME").jvmArg("-Duser.home=" + userHome).run("--list-providers");

        assertThat(home.exitCode()).as(home.toString()).isZero();
        assertThat(home.stdout()).contains("Echo_Plugin", userHome.resolve(".g4j/plugins").toString())
                .doesNotContain("evil.jar");
    }

    @Test
    void g4jHomeFromTheEnvironmentIsUsedAndTheCurrentDirectoryStillIsNot() throws Exception {
        Path untrusted = Files.createDirectories(work.resolve("untrusted/plugins"));
        Files.copy(pluginJar, untrusted.resolve("evil.jar"));
        Path home = Files.createDirectories(work.resolve("home"));

        CliProcess.Result r = new CliProcess(work).directory(untrusted.getParent()).withoutHomeProperty()
                .env("G4J_HOME", home.toString()).run("--list-providers");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).doesNotContain("Echo_Plugin").contains("Plugin folders: none found");
    }

    @Test
    void twoHundredMegabytesOnStdinUnderASmallHeapExitTwoWithOneLine() throws Exception {
        CliProcess.Result r = new CliProcess(work).jvmArg("-Xmx64m").pipeStdin(200L * 1000 * 1000).run("-m", "echo");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.stderr().lines().toList()).as(r.toString()).singleElement().asString()
                .startsWith("g4j: The prompt on standard input is longer than the limit of 8 MiB;");
        assertThat(r.stderr()).doesNotContain("OutOfMemoryError");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aPromptArgumentLongerThanTheLimitExitsTwoWithOneLine() throws Exception {
        CliProcess.Result r = withPlugin().jvmArg("-Dg4j.prompt.limit=16").run("-m", "echo", "x".repeat(17));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.stderr().lines().toList()).as(r.toString()).singleElement().asString()
                .startsWith("g4j: The PROMPT is longer than the limit of 16 bytes;");
    }

    @Test
    void aPromptWithinTheLimitIsAnswered() throws Exception {
        CliProcess.Result r = withPlugin().jvmArg("-Dg4j.prompt.limit=4096").pipeStdin(4096).run("-m", "echo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("echo: aaaa").endsWith("| turns=0 | system=none\n");
    }

    @Test
    void aChatLineLongerThanTheLimitIsRefusedAndTheChatGoesOn() throws Exception {
        CliProcess.Result r = withPlugin().jvmArg("-Dg4j.prompt.limit=64")
                .stdin("x".repeat(100_000) + "\nshort\n/exit\n").run("--interactive", "-m", "echo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("echo: short | turns=0 | system=none\n");
        assertThat(r.stderr()).contains("g4j: The prompt is longer than the limit of 64 bytes;");
    }

    @Test
    void aPipedAnswerEndsWithExactlyOneNewline() throws Exception {
        CliProcess.Result r = withPlugin().jvmArg("-D" + Terminal.STDOUT_TTY_PROPERTY + "=false").run("-m", "echo", "hello");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("echo: hello | turns=0 | system=none\n");
    }

    @Test
    void serverEscapesNeverReachStderrAndReachStdoutOnlyWhenItIsNoTerminal() throws Exception {
        CliProcess.Result piped = withPlugin().jvmArg("-Dg4j.stdout.tty=false").run("-m", "echo", "escapes:");
        assertThat(piped.exitCode()).as(piped.toString()).isZero();
        assertThat(piped.stdout()).as("bytes exact for scripts").isEqualTo("red \u001b[31mtext\u001b[0m\u009b2J done\n");
        assertThat(piped.stderr()).contains("[warning] title cleared");
        assertNoControls(piped.stderr());

        CliProcess.Result tty = withPlugin().jvmArg("-Dg4j.stdout.tty=true").run("-m", "echo", "escapes:");
        assertThat(tty.exitCode()).as(tty.toString()).isZero();
        assertThat(tty.stdout()).isEqualTo("red text done\n");
        assertNoControls(tty.stderr());
    }

    @Test
    void anErrorFromTheServerIsPrintedWithoutEscapesOrPasswords() throws Exception {
        CliProcess.Result escapes = withPlugin().run("-m", "echo", "fail-escapes:");
        assertThat(escapes.exitCode()).as(escapes.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(escapes.stderr()).startsWith("g4j: boom").contains("end");
        assertNoControls(escapes.stderr());

        CliProcess.Result secret = withPlugin().run("--debug", "-m", "echo", "secret-error:");
        assertThat(secret.exitCode()).as(secret.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(secret.stderr()).contains("http://***@127.0.0.1:9", "\tat ").doesNotContain(PASSWORD);

        CliProcess.Result json = withPlugin().run("--json", "-m", "echo", "secret-error:");
        assertThat(json.stdout()).contains("\"type\":\"error\"", "***@127.0.0.1:9").doesNotContain(PASSWORD);
        assertThat(json.stderr()).doesNotContain(PASSWORD);
    }

    @Test
    void aProxyPasswordIsMaskedWhenTheRequestFails() throws Exception {
        CliProcess.Result r = new CliProcess(work).run("--proxy", "http://alice:" + PASSWORD + "@127.0.0.1:9",
                "--base-url", "http://127.0.0.1:9", "--timeout", "10", "--debug", "hi");

        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain(PASSWORD);
    }

    private static void assertNoControls(String text) {
        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f).count())
                .as("control characters in %s", text).isZero();
    }
}
