package dev.g4j.gradio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module {@code dev.g4j.gradio} exports its API package only: a named module that reaches
 * {@code dev.g4j.gradio.internal} does not compile, while one that uses the API does.
 */
class ModuleBoundaryTest {
    @TempDir
    Path dir;

    @Test
    void aModuleReachingTheInternalPackageFailsToCompile() throws Exception {
        Result r = compile("import dev.g4j.gradio.internal.ClientCore;\n"
                + "public final class Probe { ClientCore core; }\n");
        assertThat(r.exitCode).as(r.output).isNotZero();
        assertThat(r.output).contains("dev.g4j.gradio.internal").contains("not visible");
    }

    @Test
    void aModuleUsingTheApiCompiles() throws Exception {
        Result r = compile("import dev.g4j.gradio.GradioClient;\nimport dev.g4j.gradio.GradioException;\n"
                + "public final class Probe { GradioClient client; GradioException failure; }\n");
        assertThat(r.exitCode).as(r.output).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private Result compile(String probeBody) throws Exception {
        Path src = dir.resolve("src/probe");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("module-info.java"), "module probe { requires dev.g4j.gradio; }\n");
        Files.writeString(src.resolve("probe/Probe.java"), "package probe;\n" + probeBody);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "--module-path", modulePath(),
                src.resolve("module-info.java").toString(), src.resolve("probe/Probe.java").toString()));
        int code = javac.run(null, err, err, args.toArray(String[]::new));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    /** The client's classes (with module-info.class) and the jars it requires, from the test class path. */
    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            boolean clientClasses = n.endsWith("gradio-client/target/classes");
            boolean requiredJar = n.contains("/io/vertx/") || n.contains("/io/netty/") || n.contains("/com/fasterxml/jackson/")
                    || n.contains("/sse/target/classes") || n.matches(".*/dev/g4j/sse/.*\\.jar");
            if (clientClasses || requiredJar) {
                entries.add(e);
            }
        }
        assertThat(entries).as("the client's classes on the test class path").anyMatch(e -> e.endsWith("classes"));
        return String.join(File.pathSeparator, entries);
    }
}
