package dev.g4j.gradio;

import java.util.List;

/**
 * One dependency (event listener) of a Gradio app, from {@code /config}.
 *
 * @param id the {@code fn_index} to send (the dependency's {@code id}, or its position before Gradio 4.32)
 * @param targets the events that fire it
 * @param inputs component ids, in the order of the {@code data} array to send
 * @param outputs component ids, in the order of {@code output.data}
 * @param apiName the api name without a leading slash, or null when it has none
 * @param queued whether it runs through the queue ({@code queue} not false)
 */
public record GradioDependency(int id, List<GradioTrigger> targets, List<Integer> inputs, List<Integer> outputs,
                               String apiName, boolean queued) {
    /**
     * Copies the lists, so the dependency is immutable.
     *
     * @param id the dependency id ({@code fn_index})
     * @param targets the events that fire it
     * @param inputs the input component ids, in order
     * @param outputs the output component ids, in order
     * @param apiName the api name, or null
     * @param queued whether it runs through the queue
     */
    public GradioDependency {
        targets = List.copyOf(targets);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
