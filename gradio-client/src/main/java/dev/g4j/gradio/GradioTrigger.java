package dev.g4j.gradio;

/**
 * One event that fires a dependency: a component and an event name such as {@code "submit"} or {@code "click"}.
 *
 * @param componentId the id of the component whose event fires
 * @param event the event name
 */
public record GradioTrigger(int componentId, String event) {
}
