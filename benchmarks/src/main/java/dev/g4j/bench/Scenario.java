package dev.g4j.bench;

/**
 * One load-harness scenario: a replay server configuration and a client batch, run once through the raw drain and
 * once through g4j, each in a fresh client JVM.
 *
 * @param name the label in the results
 * @param streams concurrent streams
 * @param tokens tokens per stream
 * @param intervalMs the server's delay between two tokens of a stream; 0 writes as fast as the socket takes it
 * @param ports origins (ports) the streams are spread over
 * @param sampleMemory whether to sample heap, RSS and threads once every stream is open
 * @param timeLimitS the client's time limit
 */
record Scenario(String name, int streams, int tokens, long intervalMs, int ports, boolean sampleMemory, long timeLimitS) {
    /** One origin per 200 streams: below the g4j client's limit of 256 connections per origin. */
    static int portsFor(int streams) {
        return Math.max(1, (streams + 199) / 200);
    }
}
