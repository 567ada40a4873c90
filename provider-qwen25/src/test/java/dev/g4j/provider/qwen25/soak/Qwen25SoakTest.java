package dev.g4j.provider.qwen25.soak;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick soak, part of every {@code mvn verify}: some hundred Qwen 2.5 streams with random faults, slow consumers
 * and cancellations against the simulator; every stream must end as its fault says and nothing may leak. On a failure
 * the message holds the seed: rerun with {@code -Dg4j.soak.seed=<seed> -Dtest=Qwen25SoakTest}.
 */
class Qwen25SoakTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomFaultsSlowConsumersAndCancellationsLeaveNothingBehind() throws Exception {
        SoakRunner.Config config = SoakSettings.quick();
        System.out.println("Quick soak, seed " + config.seed() + " (replay with -Dg4j.soak.seed=" + config.seed() + ")");
        SoakRunner.Report report = new SoakRunner(config).run();
        System.out.println(report.summary());
        SoakReports.write("quick", report);
        assertThat(report.streams).as("streams run").isGreaterThanOrEqualTo(Math.min(config.maxStreams(), 200));
        assertThat(report.streamsByKind).as("every kind of stream ran").hasSize(SoakPlan.Kind.values().length);
        assertThat(report.violationCount).as(report.summary()).isZero();
    }
}
