package dev.g4j.provider.tck;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Proves that the TCK catches broken providers: each breach fails the contract test meant for it, with a reason. */
class ProviderContractSelfTest {

    /** Runs the contract on {@code contract}; returns each failed test's method name with its failure message. */
    private static Map<String, String> failures(Class<? extends ProviderContract> contract) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
        assertThat(tests.started().count()).as("contract tests run").isEqualTo(12);
        return tests.failed().stream().collect(Collectors.toMap(ProviderContractSelfTest::method,
                e -> String.valueOf(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage).orElse("")), (a, b) -> a, TreeMap::new));
    }

    private static String method(Event event) {
        String name = event.getTestDescriptor().getDisplayName();
        return name.substring(0, name.indexOf('('));
    }

    @Test
    void aWellBehavedScriptedProviderPassesEveryTest() {
        assertThat(failures(BrokenProviders.WellBehaved.class)).isEmpty();
    }

    @Test
    void ignoringDemandIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.IgnoresDemand.class);
        assertThat(failed).containsKey("requestOneGivesAtMostOneChunk");
        assertThat(failed.get("requestOneGivesAtMostOneChunk")).contains("only 1 had been requested");
    }

    @Test
    void emittingAfterCancelIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.EmitsAfterCancel.class);
        assertThat(failed).containsOnlyKeys("cancelStopsEmission", "cancelBeforeRequestGivesNothing");
        assertThat(failed.get("cancelStopsEmission")).contains("after cancel()");
    }

    @Test
    void finishTwiceIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.FinishTwice.class);
        assertThat(failed).containsKeys("successfulStreamEndsWithFinishAndOneTerminalSignal", "requestOneGivesAtMostOneChunk");
        assertThat(failed.get("successfulStreamEndsWithFinishAndOneTerminalSignal")).contains("exactly one Finish");
    }

    @Test
    void textAfterFinishIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.TextAfterFinish.class);
        assertThat(failed).containsKey("successfulStreamEndsWithFinishAndOneTerminalSignal");
        assertThat(failed.get("successfulStreamEndsWithFinishAndOneTerminalSignal")).contains("last chunk of a successful stream must be Finish");
    }

    @Test
    void aSecondTerminalSignalIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.CompletesTwice.class);
        assertThat(failed).containsKey("successfulStreamEndsWithFinishAndOneTerminalSignal");
        assertThat(failed.get("successfulStreamEndsWithFinishAndOneTerminalSignal")).contains("second terminal signal");
    }

    @Test
    void aReusableResultIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.Reusable.class);
        assertThat(failed).containsOnlyKeys("resultIsSingleUse");
    }

    @Test
    void aHotResultIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.Hot.class);
        assertThat(failed).containsKey("resultIsCold");
        assertThat(failed.get("resultIsCold")).contains("before anything subscribed");
    }

    @Test
    void ioInADescriptiveMethodIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.ModelsOverTheWire.class);
        assertThat(failed).containsOnlyKeys("descriptiveMethodsDoNoIo");
    }

    @Test
    void anUnlistedDefaultModelIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.Inconsistent.class);
        assertThat(failed).containsKey("descriptiveMethodsAreConsistent");
        assertThat(failed.get("descriptiveMethodsAreConsistent")).contains("'unlisted' is not in models()");
    }

    @Test
    void anUntypedModelErrorIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.UntypedModelError.class);
        assertThat(failed).containsOnlyKeys("unservedModelIsModelNotFound");
        assertThat(failed.get("unservedModelIsModelNotFound")).contains("must give a ModelNotFoundException");
    }

    @Test
    void aTextThatIsNotTheFoldedDeltasIsCaught() {
        Map<String, String> failed = failures(BrokenProviders.WrongText.class);
        assertThat(failed).containsOnlyKeys("textEqualsFoldedDeltas");
    }
}
