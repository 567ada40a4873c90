package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated {@code queue/join} request, shown to a fault selector before the event is created.
 *
 * @param sequence    1 for the first accepted-for-validation join of this simulator, then 2, 3, …
 * @param sessionHash the session hash sent by the client
 * @param fnIndex     the function index sent by the client
 * @param data        the {@code data} array sent by the client
 */
public record JoinRequest(long sequence, String sessionHash, int fnIndex, JsonNode data) {
}
