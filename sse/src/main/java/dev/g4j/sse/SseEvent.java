package dev.g4j.sse;

/**
 * One server-sent event as dispatched by {@link SseParser}.
 *
 * @param type the {@code event:} field, or {@code "message"} when absent
 * @param data the {@code data:} lines joined with {@code \n}
 * @param id the last {@code id:} field seen in this event, or null
 */
public record SseEvent(String type, String data, String id) {
}
