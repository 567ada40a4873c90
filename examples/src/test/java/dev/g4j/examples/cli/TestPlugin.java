package dev.g4j.examples.cli;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds provider plugin jars at test time, the way a third party would: compile a provider against provider-api,
 * list it in META-INF/services, jar it. The jar is not on the test class path, so only plugin loading can find it.
 */
final class TestPlugin {
    static final String SERVICE = "META-INF/services/dev.g4j.provider.api.AsyncGeneratorProvider";

    /**
     * The echo provider, {@code Echo_Plugin}: models {@code echo-1} (default, alias {@code echo}) and
     * {@code echo-slow}. It answers {@code echo: PROMPT | turns=N | system=S}, where N counts earlier user turns,
     * in word chunks. Prompts steer it: {@code replace:} and {@code rewrite:} send a TextReplaced that does or does
     * not extend the printed text; {@code escapes:} sends a notice and text full of terminal escape sequences and
     * {@code fail-escapes:} fails with them; {@code secret-error:} fails naming a proxy URL with a password;
     * {@code unreachable} tries to connect to the base URL and fails as a provider
     * does when the host cannot be reached. {@code echo-slow} sends one chunk and then nothing until cancelled.
     */
    static final String ECHO_SOURCE = """
            package testplugin;

            import dev.g4j.provider.api.*;
            import dev.g4j.provider.api.flow.ChunkEmitter;
            import java.net.InetSocketAddress;
            import java.net.Socket;
            import java.net.URI;
            import java.util.*;
            import java.util.concurrent.Flow;

            public final class EchoPlugin implements AsyncGeneratorProvider, ProviderModelMixin {
                public String name() { return "Echo_Plugin"; }
                public String label() { return "Echo plugin"; }
                public String url() { return "https://echo.invalid"; }
                public boolean working() { return true; }
                public boolean supportsStream() { return true; }
                public boolean supportsSystemMessage() { return true; }
                public boolean supportsMessageHistory() { return true; }
                public String defaultModel() { return "echo-1"; }
                public List<String> models() { return List.of("echo-1", "echo-slow"); }
                public Map<String, String> modelAliases() { return Map.of("echo", "echo-1"); }

                public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
                    String canonical = getModel(model);
                    String prompt = messages.last(Role.USER).map(Message::content).orElse("");
                    if (canonical.equals("echo-slow")) {
                        return AsyncResult.from(subscriber -> {
                            ChunkEmitter<ResponseChunk> emitter = new ChunkEmitter<>(subscriber, new ChunkEmitter.Listener() {
                                public void onReady() { }
                                public void onStop() { }
                            });
                            emitter.start();
                            emitter.emit(ResponseChunk.text("thinking"));
                        });
                    }
                    if (prompt.equals("unreachable")) {
                        URI base = options.baseUrl().orElse(URI.create("http://127.0.0.1:9"));
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) options.connectTimeout().toMillis());
                        } catch (Exception e) {
                            return AsyncResult.failed(new UpstreamConnectionException(
                                    "Cannot reach " + base.getHost() + ":" + base.getPort() + " (" + e.getMessage() + ")", e));
                        }
                    }
                    if (prompt.startsWith("escapes:")) {
                        return AsyncResult.of(new ResponseChunk.Notice("warning", "\u001b]0;pwned\u0007title \u001b[2Jcleared"),
                                ResponseChunk.text("red \u001b[31mtext\u001b[0m"), ResponseChunk.text("\u009b2J done"),
                                ResponseChunk.finish("stop"));
                    }
                    if (prompt.startsWith("fail-escapes:")) {
                        return AsyncResult.failed(new RemoteProcessException(
                                "boom \u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u007f\u0085end"));
                    }
                    if (prompt.startsWith("secret-error:")) {
                        return AsyncResult.failed(new UpstreamConnectionException(
                                "Cannot reach the proxy http://alice:S3cr3tPass@127.0.0.1:9 (refused)", null));
                    }
                    if (prompt.startsWith("replace:")) {
                        return AsyncResult.of(ResponseChunk.text("Hello"), ResponseChunk.text(" wor"),
                                ResponseChunk.replaced("Hello world"), ResponseChunk.text("!"), ResponseChunk.finish("stop"));
                    }
                    if (prompt.startsWith("rewrite:")) {
                        return AsyncResult.of(ResponseChunk.text("  indented"), ResponseChunk.replaced("indented"),
                                ResponseChunk.text(" text"), ResponseChunk.finish("stop"));
                    }
                    long turns = messages.asList().stream().filter(m -> m.role() == Role.USER).count() - 1;
                    String system = messages.last(Role.SYSTEM).map(Message::content).orElse("none");
                    String reply = "echo: " + prompt + " | turns=" + turns + " | system=" + system;
                    List<ResponseChunk> chunks = new ArrayList<>();
                    for (String word : reply.split("(?= )")) {
                        chunks.add(ResponseChunk.text(word));
                    }
                    chunks.add(ResponseChunk.finish("stop"));
                    return AsyncResult.of(chunks.toArray(new ResponseChunk[0]));
                }
            }
            """;

    private TestPlugin() {
    }

    /** Compiles the echo provider (and, when {@code withBroken}, a service entry that is not a provider) into {@code jar}. */
    static Path build(Path workDir, Path jar, boolean withBroken) throws IOException {
        Path src = workDir.resolve("src/testplugin");
        Path classes = workDir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Files.writeString(src.resolve("EchoPlugin.java"), ECHO_SOURCE);
        String services = "testplugin.EchoPlugin\n";
        if (withBroken) {
            Files.writeString(src.resolve("BrokenPlugin.java"), """
                    package testplugin;

                    /** Listed as a provider, but is none: the registry must report it and go on. */
                    public final class BrokenPlugin {
                    }
                    """);
            services += "testplugin.BrokenPlugin\n";
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("No Java compiler: run the tests on a JDK, not a JRE");
        }
        List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", CliProcess.testClassPath()));
        try (Stream<Path> files = Files.list(src)) {
            files.map(Path::toString).forEach(args::add);
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("The test plugin did not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(SERVICE));
            out.write(services.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> all = Files.walk(classes)) {
                for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
