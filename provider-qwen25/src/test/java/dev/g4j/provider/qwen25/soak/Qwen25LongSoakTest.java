package dev.g4j.provider.qwen25.soak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The long soak: minutes of streams. Skipped unless asked for with {@code -Dg4j.soak=long} (Surefire hands Maven's
 * {@code -D} user properties to the forked JVM) or the environment variable {@code G4J_SOAK=long}:
 *
 * <pre>{@code
 * mvn -B verify -pl provider-qwen25 -am -Dg4j.soak=long -Dtest='Qwen25LongSoakTest' -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * {@code -Dg4j.soak.minutes}, {@code -Dg4j.soak.inflight}, {@code -Dg4j.soak.streams} and {@code -Dg4j.soak.seed}
 * shape the run; the report goes to standard output and {@code target/soak/long-report.txt}.
 */
class Qwen25LongSoakTest {

    @Test
    void minutesOfRandomFaultsLeaveNothingBehind() throws Exception {
        assumeTrue(SoakSettings.longMode(), "long soak not requested (-Dg4j.soak=long or G4J_SOAK=long)");
        SoakRunner.Config config = SoakSettings.longRun();
        System.out.println("Long soak, seed " + config.seed() + " (replay with -Dg4j.soak.seed=" + config.seed() + ")");
        SoakRunner.Report report = new SoakRunner(config).run();
        System.out.println(report.summary());
        SoakReports.write("long", report);
        assertThat(report.violationCount).as(report.summary()).isZero();
    }
}
