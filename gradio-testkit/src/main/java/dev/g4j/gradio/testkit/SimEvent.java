package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One joined event and its generator state. Confined to the simulator's event loop. */
final class SimEvent {

    enum State { WAITING, RUNNING, HALTED, FINISHED }

    final String id;
    final Session session;
    final int fnIndex;
    final FaultPlan plan;
    final JsonNode data;
    State state = State.WAITING;
    long timerId = -1;
    List<String> tokens = List.of();
    int nextToken;
    int yields;
    boolean duplicated;
    boolean malformedSent;
    final StringBuilder reply = new StringBuilder();
    List<JsonNode> lastOutputs;
    AppCall.Streaming streaming;
    long startNanos;
    long lastStepNanos;

    SimEvent(String id, Session session, int fnIndex, FaultPlan plan, JsonNode data) {
        this.id = id;
        this.session = session;
        this.fnIndex = fnIndex;
        this.plan = plan;
        this.data = data;
    }
}
