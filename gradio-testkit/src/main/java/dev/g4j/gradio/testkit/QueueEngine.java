package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static dev.g4j.gradio.testkit.AppSpec.NODES;

/**
 * The simulated queue: sessions, their FIFO buffers, events and generators, after Gradio 4.44.1's
 * {@code queueing.py}. Every method runs on the simulator's single event loop.
 */
final class QueueEngine {

    private static final int MAX_SESSIONS = 2000;
    private static final String FILLER = "The quick brown fox jumps over the lazy dog. ";

    private final Vertx vertx;
    private final SimulatedApp app;
    private final Messages messages;
    private final ReplyFunction replyFunction;
    private final long tokenDelayMillis;
    private final long heartbeatMillis;
    private final AtomicInteger openStreams;
    private final Consumer<EventSummary> onEventEnd;
    private final Consumer<StreamClosure> onStreamClosure;
    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private final Map<Integer, double[]> callStats = new HashMap<>();
    private final Map<Integer, double[]> runStats = new HashMap<>();

    QueueEngine(Vertx vertx, SimulatedApp app, GradioMode mode, ReplyFunction replyFunction,
                Duration tokenDelay, Duration heartbeat, AtomicInteger openStreams,
                Consumer<EventSummary> onEventEnd, Consumer<StreamClosure> onStreamClosure) {
        this.vertx = vertx;
        this.app = app;
        this.messages = new Messages(mode);
        this.replyFunction = replyFunction;
        this.tokenDelayMillis = tokenDelay.toMillis();
        this.heartbeatMillis = Math.max(1, heartbeat.toMillis());
        this.openStreams = openStreams;
        this.onEventEnd = onEventEnd;
        this.onStreamClosure = onStreamClosure;
    }

    Messages messages() {
        return messages;
    }

    /** Creates the event, buffers its {@code estimation} and schedules it; returns the event id. */
    String join(JoinRequest join, FaultPlan plan) {
        Session session = sessions.computeIfAbsent(join.sessionHash(), Session::new);
        plan.find(Fault.LineEndings.class).ifPresent(f -> session.lineEnding = f.ending());
        if (plan.has(Fault.SplitWrites.class)) {
            session.splitWrites = true;
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        SimEvent event = new SimEvent(id, session, join.fnIndex(), plan, join.data());
        session.pendingEventIds.add(id);
        session.liveEvents.put(id, event);
        if (plan.has(Fault.SessionNotFound.class)) {
            sessions.remove(session.hash);
            finish(event, EventOutcome.DISCARDED);
            if (session.stream != null) {
                session.stream.abort();
            }
            return id;
        }
        Fault.Queued queued = plan.find(Fault.Queued.class).orElse(null);
        if (queued != null && queued.ahead() > 0) {
            double step = queued.step().toMillis() / 1000.0;
            enqueue(event, messages.estimation(id, queued.ahead(), queued.ahead() + 1, (queued.ahead() + 1) * step),
                    false);
            scheduleRank(event, queued, queued.ahead() - 1);
        } else {
            Double eta = averageRun(event.fnIndex);
            enqueue(event, messages.estimation(id, 0, 1, eta), false);
            if (!plan.has(Fault.HeartbeatsOnly.class)) {
                vertx.runOnContext(v -> start(event));
            }
        }
        return id;
    }

    private void scheduleRank(SimEvent event, Fault.Queued queued, int rank) {
        event.timerId = vertx.setTimer(Math.max(1, queued.step().toMillis()), t -> {
            if (event.state != SimEvent.State.WAITING) {
                return;
            }
            if (rank < 0) {
                start(event);
                return;
            }
            double step = queued.step().toMillis() / 1000.0;
            enqueue(event, messages.estimation(event.id, rank, rank + 1, (rank + 1) * step), false);
            scheduleRank(event, queued, rank - 1);
        });
    }

    private void start(SimEvent event) {
        if (event.state != SimEvent.State.WAITING) {
            return;
        }
        event.state = SimEvent.State.RUNNING;
        event.startNanos = System.nanoTime();
        event.lastStepNanos = event.startNanos;
        enqueue(event, messages.processStarts(event.id, averageRun(event.fnIndex)), false);
        AppCall call = app.call(event.fnIndex, event.data, event.session.state);
        if (call instanceof AppCall.Failure) {
            fail(event, null);
        } else if (call instanceof AppCall.Immediate immediate) {
            complete(event, immediate.outputs());
        } else if (call instanceof AppCall.Streaming streaming) {
            List<String> tokens;
            try {
                tokens = new ArrayList<>(replyFunction.reply(streaming.request()));
            } catch (RuntimeException e) {
                fail(event, null);
                return;
            }
            event.plan.find(Fault.Oversized.class).ifPresent(f -> tokens.add(
                    Math.min(f.afterTokens(), tokens.size()), filler(f.chars())));
            event.tokens = tokens;
            event.streaming = streaming;
            step(event);
        }
    }

    private void step(SimEvent event) {
        if (event.state != SimEvent.State.RUNNING) {
            return;
        }
        int done = event.yields;
        boolean exhausted = event.nextToken >= event.tokens.size();
        FaultPlan plan = event.plan;
        Fault.FailAfter failure = plan.find(Fault.FailAfter.class).orElse(null);
        if (failure != null && fires(failure.afterTokens(), done, exhausted)) {
            fail(event, failure.message());
            return;
        }
        if (plan.find(Fault.DropConnection.class).filter(f -> fires(f.afterTokens(), done, exhausted)).isPresent()) {
            halt(event, new Outgoing.Drop());
            return;
        }
        if (plan.find(Fault.Stall.class).filter(f -> fires(f.afterTokens(), done, exhausted)).isPresent()) {
            halt(event, new Outgoing.Stall());
            return;
        }
        if (plan.find(Fault.ServerStopFlood.class).filter(f -> fires(f.afterTokens(), done, exhausted)).isPresent()) {
            halt(event, new Outgoing.StopFlood());
            return;
        }
        if (!event.malformedSent && plan.find(Fault.MalformedLine.class)
                .filter(f -> fires(f.afterTokens(), done, exhausted)).isPresent()) {
            event.malformedSent = true;
            event.session.enqueue(new Outgoing.RawLine(
                    "{\"msg\":\"process_generating\",\"event_id\":\"" + event.id + "\",\"output\":{\"data\":[[],[[\"app"));
        }
        if (!exhausted) {
            event.reply.append(event.tokens.get(event.nextToken++));
            yieldOutputs(event, event.streaming.outputsForReply().apply(event.reply.toString()));
            event.yields++;
        } else if (plan.has(Fault.DuplicateLastChunk.class) && !event.duplicated && event.lastOutputs != null) {
            event.duplicated = true;
            yieldOutputs(event, event.lastOutputs);
        } else {
            complete(event, event.lastOutputs);
            return;
        }
        if (tokenDelayMillis <= 0) {
            vertx.runOnContext(v -> step(event));
        } else {
            event.timerId = vertx.setTimer(tokenDelayMillis, t -> step(event));
        }
    }

    private static boolean fires(int after, int done, boolean exhausted) {
        return after == done || (exhausted && after > done);
    }

    private void yieldOutputs(SimEvent event, List<JsonNode> outputs) {
        ArrayNode data = NODES.arrayNode();
        if (event.lastOutputs == null) {
            outputs.forEach(o -> data.add(o.deepCopy()));
        } else {
            for (int j = 0; j < outputs.size(); j++) {
                data.add(JsonDiff.diff(event.lastOutputs.get(j), outputs.get(j)));
            }
        }
        event.lastOutputs = outputs;
        double duration = lap(event);
        enqueue(event, messages.generating(event.id, data, duration, recordCall(event.fnIndex, duration)), false);
    }

    private void complete(SimEvent event, List<JsonNode> outputs) {
        ArrayNode data = NODES.arrayNode();
        if (outputs == null) {
            int count = app.spec().dependencies().stream().filter(d -> d.id() == event.fnIndex)
                    .findFirst().orElseThrow().outputs().size();
            for (int i = 0; i < count; i++) {
                data.addNull();
            }
        } else {
            outputs.forEach(o -> data.add(o.deepCopy()));
        }
        double duration = lap(event);
        double average = recordCall(event.fnIndex, duration);
        double[] run = runStats.computeIfAbsent(event.fnIndex, k -> new double[2]);
        run[0] += (System.nanoTime() - event.startNanos) / 1e9;
        run[1]++;
        enqueue(event, messages.completed(event.id, data, duration, average), true);
        finish(event, EventOutcome.COMPLETED);
    }

    private void fail(SimEvent event, String message) {
        enqueue(event, messages.failed(event.id, message, event.yields == 0), true);
        finish(event, EventOutcome.FAILED);
    }

    private void halt(SimEvent event, Outgoing directive) {
        event.state = SimEvent.State.HALTED;
        event.session.enqueue(directive);
    }

    /** {@code POST /cancel}: stops the event and buffers {@code process_completed} with {@code output:{}}. */
    void cancel(String sessionHash, String eventId) {
        Session session = sessions.get(sessionHash);
        SimEvent event = session == null ? null : session.liveEvents.get(eventId);
        if (event == null) {
            return;
        }
        stopTimer(event);
        enqueue(event, messages.cancelled(eventId), true);
        finish(event, EventOutcome.CANCELLED);
    }

    /** Opens a {@code queue/data} stream for a session (or reports it unknown). */
    void openStream(String sessionHash, HttpServerResponse response) {
        Session session = sessions.get(sessionHash);
        SseStream stream = new SseStream(this, vertx, response, session);
        openStreams.incrementAndGet();
        if (session != null) {
            session.stream = stream;
        }
        stream.open(heartbeatMillis);
    }

    void streamFinished() {
        openStreams.decrementAndGet();
    }

    /** The stream closed before the server ended it: stop the session's events and forget it. */
    void streamLost(Session session, boolean byClient) {
        List<SimEvent> live = List.copyOf(session.liveEvents.values());
        List<String> stopped = new ArrayList<>();
        for (SimEvent event : live) {
            stopTimer(event);
            stopped.add(event.id);
        }
        if (sessions.get(session.hash) == session) {
            sessions.remove(session.hash);
        }
        // the closure is published first, so a test that saw an event end also sees the closure
        onStreamClosure.accept(new StreamClosure(session.hash, byClient, stopped));
        live.forEach(event -> finish(event, EventOutcome.STOPPED_BY_DISCONNECT));
    }

    /** Stops every generator; used when the simulator closes. */
    void shutdown() {
        for (Session session : List.copyOf(sessions.values())) {
            session.liveEvents.values().forEach(this::stopTimer);
        }
        sessions.clear();
    }

    private void enqueue(SimEvent event, ObjectNode message, boolean completes) {
        event.session.enqueue(new Outgoing.Message(event.id, Json.write(message), completes));
    }

    private void finish(SimEvent event, EventOutcome outcome) {
        event.state = SimEvent.State.FINISHED;
        event.session.liveEvents.remove(event.id);
        onEventEnd.accept(new EventSummary(event.id, event.session.hash, event.fnIndex, outcome, event.yields));
    }

    private void stopTimer(SimEvent event) {
        if (event.timerId >= 0) {
            vertx.cancelTimer(event.timerId);
            event.timerId = -1;
        }
        event.state = SimEvent.State.FINISHED;
    }

    private double lap(SimEvent event) {
        long now = System.nanoTime();
        double seconds = (now - event.lastStepNanos) / 1e9;
        event.lastStepNanos = now;
        return seconds;
    }

    /** Records one call of the function and returns the running average, like {@code BlockFunction}. */
    private double recordCall(int fnIndex, double duration) {
        double[] stats = callStats.computeIfAbsent(fnIndex, k -> new double[2]);
        stats[0] += duration;
        stats[1]++;
        return stats[0] / stats[1];
    }

    /** The average run time of finished events of the function, or null before the first one. */
    private Double averageRun(int fnIndex) {
        double[] run = runStats.get(fnIndex);
        return run == null || run[1] == 0 ? null : run[0] / run[1];
    }

    private static String filler(int chars) {
        StringBuilder text = new StringBuilder(chars);
        while (text.length() < chars) {
            text.append(FILLER, 0, Math.min(FILLER.length(), chars - text.length()));
        }
        return text.toString();
    }
}
