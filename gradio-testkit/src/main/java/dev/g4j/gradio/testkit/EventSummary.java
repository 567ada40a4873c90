package dev.g4j.gradio.testkit;

/**
 * The server-side end of one event.
 *
 * @param eventId       the event id returned by the join
 * @param sessionHash   the session it belonged to
 * @param fnIndex       the function index
 * @param outcome       how it ended
 * @param tokensYielded how many values the generator yielded before it ended
 */
public record EventSummary(String eventId, String sessionHash, int fnIndex, EventOutcome outcome,
                           int tokensYielded) {
}
