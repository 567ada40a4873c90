package dev.g4j.gradio.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The faults that apply to one joined event. Faults combine: a plan may, for example, use CRLF line
 * endings, split writes and fail after two tokens.
 *
 * @param faults the faults, in no particular order
 */
public record FaultPlan(List<Fault> faults) {

    private static final FaultPlan NONE = new FaultPlan(List.of());

    /** Copies the list. */
    public FaultPlan {
        faults = List.copyOf(faults);
    }

    /** A plan with no faults: the server behaves normally. */
    public static FaultPlan none() {
        return NONE;
    }

    /** A plan made of the given faults. */
    public static FaultPlan of(Fault... faults) {
        return new FaultPlan(List.of(faults));
    }

    /** The first fault of the given kind, if any. */
    public <F extends Fault> Optional<F> find(Class<F> kind) {
        return faults.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** Whether the plan holds a fault of the given kind. */
    public boolean has(Class<? extends Fault> kind) {
        return find(kind).isPresent();
    }
}
