package dev.g4j.examples.cli;

import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.HistoryPair;
import dev.g4j.gradio.testkit.ReplyFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a separate process, talking to the Qwen 2.5 provider, which talks to the Gradio simulator. */
class CliSimulatorEndToEndTest {
    static final List<ChatRequest> received = new CopyOnWriteArrayList<>();
    static GradioSimulator sim;

    @TempDir
    Path work;

    @BeforeAll
    static void startSimulator() {
        sim = GradioSimulator.builder()
                .replyFunction(request -> {
                    received.add(request);
                    return ReplyFunction.echo().reply(request);
                })
                .tokenDelay(Duration.ZERO)
                .start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void forget() {
        received.clear();
    }

    private CliProcess cli() {
        return new CliProcess(work);
    }

    @Test
    void oneShotAnswerThroughTheQwenProvider() throws Exception {
        CliProcess.Result r = cli().run("--base-url", sim.baseUrl(), "-m", "qwen-2.5", "Hello", "world");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("You said: Hello world\n");
        assertThat(r.stderr()).contains("[Qwen_Qwen_2_5 (qwen2.5-72b-instruct)]").doesNotContain("g4j:");
        assertThat(received).singleElement().satisfies(req -> assertThat(req.prompt()).isEqualTo("Hello world"));
    }

    @Test
    void pipedPromptSystemPromptAndModelReachTheSpace() throws Exception {
        CliProcess.Result r = cli().stdin("What is 2+2?\n")
                .run("--base-url", sim.baseUrl(), "-p", "Qwen_Qwen_2_5", "-m", "qwen2.5-7b", "-s", "Be terse.");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("You said: What is 2+2?\n");
        assertThat(received).singleElement().satisfies(req -> {
            assertThat(req.system()).isEqualTo("Be terse.");
            assertThat(req.model()).isEqualTo("7B");
        });
    }

    @Test
    void jsonAndNoStream() throws Exception {
        CliProcess.Result json = cli().run("--json", "--base-url", sim.baseUrl(), "Hi");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout().lines().toList())
                .contains("{\"type\":\"text\",\"text\":\"You\"}", "{\"type\":\"text\",\"text\":\" said:\"}")
                .anySatisfy(l -> assertThat(l).startsWith("{\"type\":\"queue\",\"rank\":0,"))
                .last().isEqualTo("{\"type\":\"finish\",\"reason\":\"stop\"}");

        CliProcess.Result whole = cli().run("--no-stream", "--base-url", sim.baseUrl(), "Hi");
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        assertThat(whole.stdout()).isEqualTo("You said: Hi\n");
    }

    @Test
    void theChatSendsTheHistoryAndHonoursResetAndSystem() throws Exception {
        String script = String.join("\n", "first", "second", "/reset", "third", "/system Be terse.", "fourth", "/exit", "");

        CliProcess.Result r = cli().stdin(script).run("--interactive", "--base-url", sim.baseUrl());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().toList()).containsExactly(
                "You said: first", "You said: second", "You said: third", "You said: fourth");
        assertThat(received).hasSize(4);
        assertThat(received.get(0).history()).isEmpty();
        assertThat(received.get(1).history()).containsExactly(new HistoryPair("first", "You said: first"));
        assertThat(received.get(2).history()).as("after /reset").isEmpty();
        assertThat(received.get(3).history()).containsExactly(new HistoryPair("third", "You said: third"));
        assertThat(received.get(3).system()).isEqualTo("Be terse.");
    }

    @Test
    void anUnreachableSpaceGivesOneLineNamingTheHostAndExitFour() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        CliProcess.Result r = cli().run("--base-url", "http://127.0.0.1:" + closedPort, "Hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(r.stderr().lines().toList()).as("stderr is one line").singleElement()
                .satisfies(l -> assertThat(l).contains("127.0.0.1:" + closedPort, "--proxy", "--demo"));
        assertThat(r.stderr()).doesNotContain("\tat ");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aSlowSpaceRunsIntoTheTimeoutWithExitFive() throws Exception {
        try (GradioSimulator slow = GradioSimulator.builder().tokenDelay(Duration.ofSeconds(20)).start()) {
            CliProcess.Result r = cli().run("--timeout", "1.5", "--base-url", slow.baseUrl(), "Hi");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.TIMEOUT);
            assertThat(r.stderr()).contains("--timeout SECONDS");
            assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void demoChatsWithTheBuiltInSimulatorAndSaysSo() throws Exception {
        CliProcess.Result r = cli().run("--demo", "Hello");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("[simulated] You said: \"Hello\".");
        assertThat(r.stderr()).contains("SIMULATED", "no real model");
    }

    @Test
    void listingsShowTheBuiltInProvider() throws Exception {
        CliProcess.Result providers = cli().run("--list-providers");
        assertThat(providers.exitCode()).as(providers.toString()).isZero();
        assertThat(providers.stdout()).contains("Qwen_Qwen_2_5", "Qwen Qwen-2.5", "working,stream,system,history");

        CliProcess.Result models = cli().run("--list-models");
        assertThat(models.stdout()).containsPattern("qwen2\\.5-72b-instruct +default; aliases: .*qwen-2\\.5");
    }
}
