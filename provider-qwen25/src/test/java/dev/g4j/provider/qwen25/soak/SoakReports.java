package dev.g4j.provider.qwen25.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps the summary of a soak run next to the build output, for the benchmark notes. */
final class SoakReports {
    private SoakReports() {
    }

    static void write(String mode, SoakRunner.Report report) {
        try {
            Path dir = Path.of("target", "soak");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(mode + "-report.txt"), report.summary() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("Could not write the soak report: " + e);
        }
    }
}
