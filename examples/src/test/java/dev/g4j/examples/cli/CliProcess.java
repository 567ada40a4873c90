package dev.g4j.examples.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the g4j CLI as a separate JVM on the test class path, the way a user runs it, and captures its output. */
final class CliProcess {
    /** The outcome of one run. */
    record Result(int exitCode, String stdout, String stderr, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private final Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> removedEnv = new ArrayList<>(List.of("G4J_PLUGINS"));
    private String stdin = "";
    private long pipedBytes = -1;
    private Path directory;
    private boolean homeProperty = true;
    private Duration timeout = Duration.ofSeconds(60);

    /** @param workDir a scratch folder: the process's current directory and g4j home, holding its output files */
    CliProcess(Path workDir) {
        this.workDir = workDir;
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Pipes {@code bytes} generated letters to standard input instead of a file; a closed pipe ends the writing. */
    CliProcess pipeStdin(long bytes) {
        this.pipedBytes = bytes;
        return this;
    }

    /** Runs the process in {@code directory} instead of the work folder. */
    CliProcess directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Leaves {@code -Dg4j.home} unset, so that the CLI finds its home as a bare {@code java -jar} does. */
    CliProcess withoutHomeProperty() {
        this.homeProperty = false;
        return this;
    }

    /** Removes an inherited environment variable. */
    CliProcess unsetEnv(String name) {
        removedEnv.add(name);
        return this;
    }

    CliProcess jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    CliProcess timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Starts the process; the caller waits for it. stdout and stderr go to files in the work folder. */
    Started start(String... args) throws IOException {
        Files.createDirectories(workDir);
        Path in = Files.writeString(workDir.resolve("stdin.txt"), stdin, StandardCharsets.UTF_8);
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived CLI: skip the optimising compiler so each run starts fast on a small machine.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        if (homeProperty) {
            command.add("-Dg4j.home=" + workDir);
        }
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(testClassPath());
        command.add(G4j.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory((directory != null ? directory : workDir).toFile())
                .redirectInput(pipedBytes >= 0 ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(in.toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        removedEnv.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        long started = System.nanoTime();
        Process process = pb.start();
        if (pipedBytes >= 0) {
            Thread writer = new Thread(() -> pipe(process.getOutputStream(), pipedBytes), "cli-stdin-writer");
            writer.setDaemon(true);
            writer.start();
        }
        return new Started(process, out, err, started, timeout);
    }

    private static void pipe(OutputStream stdin, long bytes) {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'a');
        try (stdin) {
            for (long left = bytes; left > 0; left -= block.length) {
                stdin.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            // The CLI stopped reading (it is meant to, past the prompt limit) and closed the pipe.
        }
    }

    /** Runs to the end. */
    Result run(String... args) throws IOException, InterruptedException {
        return start(args).await();
    }

    /** A running process. */
    record Started(Process process, Path out, Path err, long startedNanos, Duration timeout) {
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("g4j did not exit within " + timeout + "\n--- stdout ---\n" + read(out)
                        + "\n--- stderr ---\n" + read(err));
            }
            return new Result(process.exitValue(), read(out), read(err), Duration.ofNanos(System.nanoTime() - startedNanos));
        }

        /** Polls the captured stdout until it contains {@code text}; the process's own exit ends the wait early. */
        boolean awaitStdout(String text, Duration limit) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (read(out).contains(text)) {
                    return true;
                }
                if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    return read(out).contains(text);
                }
            }
            return false;
        }
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** The class path of this test run: Surefire's own list when it provides one. */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    static String pathList(Path... paths) {
        List<String> parts = new ArrayList<>();
        for (Path p : paths) {
            parts.add(p.toString());
        }
        return String.join(File.pathSeparator, parts);
    }
}
