package dev.g4j.gradio.internal;

import dev.g4j.gradio.GradioConnectionException;
import dev.g4j.gradio.GradioException;
import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.GradioTimeoutException;
import dev.g4j.sse.SseEventTooLargeException;
import dev.g4j.sse.SseParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Gradio session: a session hash, its cookie jar and its single {@code queue/data} stream, which carries the
 * messages of every event of the session. Routes each message to its call by {@code event_id}, buffers messages of
 * events whose join response has not been handled yet, and sends session-wide messages to every call.
 *
 * <p>All state is confined to one Vert.x context; every method except {@link #retain()} runs on it.
 */
final class Session {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());
    private static final int MAX_EARLY = 1024;
    private static final int MAX_REOPENS = 3;
    private static final int MAX_ENDED = 64;
    /** The largest chunk copied into the reused {@link #scratch} array; larger ones get their own. */
    private static final int MAX_SCRATCH = 16 * 1024;
    /**
     * How long, and for how many more bytes, a finished session's stream is read to its end, so that its connection
     * goes back to the pool instead of being closed (the next request then needs no new TCP or TLS handshake).
     */
    private static final long LINGER_MILLIS = 1000;
    private static final int LINGER_BYTES = 64 * 1024;

    final ClientCore client;
    final Context ctx;
    final Lanes.Lane lane;
    final String base;
    final String hash;
    /** The app's host and port, for messages (parsed once: it is needed for every message). */
    final String host;
    final CookieJar cookies = new CookieJar();
    private final ClientCore.SessionKey key;
    private final Settings settings;
    private final Duration idle;
    /** The most bytes of messages held for events whose join answer has not been handled yet. */
    private final long maxEarlyBytes;

    private int users;
    private boolean dead;
    private String prefix = "";
    private final Map<String, CallState> calls = new LinkedHashMap<>();
    private final Map<String, List<Message>> early = new LinkedHashMap<>();
    private final Map<String, Long> earlyWeights = new java.util.HashMap<>();
    /** Ids of the last events whose calls left, whose late messages are dropped rather than held as early. */
    private Set<String> ended = Set.of();
    private int earlyCount;
    private long earlyBytes;

    private boolean streaming;
    private HttpClientRequest streamReq;
    private HttpClientResponse streamResp;
    private boolean closeReceived;
    private boolean paused;
    private long idleTimer = -1;
    /** The stream generation the idle timer was armed for. */
    private long idleGen;
    /** {@link System#nanoTime()} of the stream's last event (or of its opening / resumption). */
    private long lastActivity;
    private long generation;
    private int reopens;
    /** A broken stream's failure, held back while the chunks Vert.x read before the break are handed over. */
    private GradioException failing;
    private long chunks;
    private final DiffScanner scanner = new DiffScanner();
    /** The last event id routed and its call, so that a stream of one event's messages skips the map. */
    private String routedId;
    private CallState routedCall;
    /** Receives each chunk of the stream (the parser copies what it keeps past a chunk). */
    private byte[] scratch = new byte[0];

    Session(ClientCore client, Lanes.Lane lane, String base, String hash, Settings settings, ClientCore.SessionKey key) {
        this.client = client;
        this.ctx = lane.context();
        this.lane = lane;
        this.base = base;
        this.hash = hash;
        this.host = Failures.hostOf(base);
        this.key = key;
        this.settings = settings;
        this.idle = settings.idle();
        this.maxEarlyBytes = 2L * settings.maxEventBytes();
        if (key == null) {
            users = 1;
        }
    }

    ClientCore.SessionKey key() {
        return key;
    }

    /** Registers one more user; false when the session is already finished (then make a new one). */
    synchronized boolean retain() {
        if (dead) {
            return false;
        }
        users++;
        return true;
    }

    private synchronized boolean release() {
        users--;
        if (users <= 0) {
            dead = true;
            return true;
        }
        return false;
    }

    /** A call's join succeeded: route its messages from now on, open the stream if none is open. */
    void joined(CallState call, String eventId, String apiPrefix) {
        prefix = apiPrefix;
        calls.put(eventId, call);
        routedId = null;
        routedCall = null;
        List<Message> buffered = early.remove(eventId);
        if (buffered != null) {
            earlyCount -= buffered.size();
            earlyBytes -= earlyWeights.getOrDefault(eventId, 0L);
            earlyWeights.remove(eventId);
            buffered.forEach(call::enqueue);
        }
        if (!streaming) {
            openStream();
        }
    }

    /** A call is finished (terminal, cancelled or failed before joining). Closes the stream when it was the last. */
    void leave(CallState call) {
        if (call.eventId() != null) {
            calls.remove(call.eventId(), call);
        }
        if (routedCall == call) {
            routedId = null;
            routedCall = null;
        }
        if (call.eventId() != null) {
            if (ended.isEmpty()) {
                ended = Collections.newSetFromMap(new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > MAX_ENDED;
                    }
                });
            }
            ended.add(call.eventId());
        }
        if (release()) {
            // a hash the caller chose may be used by its next call at once, and a stream still open for it could take
            // that call's messages: only a hash this client made lets its stream end on its own
            if (call.serverEndsStream() && key == null) {
                endStream();
            } else {
                closeStream();
            }
            early.clear();
            earlyWeights.clear();
            client.releaseSession(this);
        } else {
            flowControl(); // the call that left may have been the one that paused the stream
        }
    }

    /**
     * A call delivered or queued messages: flow control runs only when it can change something, that is when the
     * stream is paused or this call's backlog is over the bound (a call's backlog grows only through its own queue).
     *
     * @param backlog the call's messages waiting for its subscriber
     */
    void afterDelivery(int backlog) {
        if (paused || backlog > client.maxBufferedEvents()) {
            flowControl();
        }
    }

    /** Re-reads every call's backlog and resumes the stream when all are small again. */
    void flowControl() {
        if (streamResp == null) {
            return;
        }
        int bound = client.maxBufferedEvents();
        boolean over = false;
        for (CallState c : calls.values()) {
            if (c.backlog() > bound) {
                over = true;
                break;
            }
        }
        if (failing != null) {
            return; // the connection is gone: take everything Vert.x still holds, then fail (see failAfterBuffered)
        }
        if (over && !paused) {
            paused = true;
            streamResp.pause();
            disarmIdle();
            LOG.log(System.Logger.Level.DEBUG, "session {0}: subscriber is slow, stream paused", hash);
        } else if (!over && paused) {
            paused = false;
            armIdle();
            streamResp.resume();
        }
    }

    private void openStream() {
        streaming = true;
        closeReceived = false;
        paused = false;
        failing = null;
        long gen = ++generation;
        String url = base + prefix + "/queue/data?session_hash=" + hash;
        LOG.log(System.Logger.Level.DEBUG, "GET {0}", url);
        armIdle();
        SseParser parser = SseParser.ofData(settings.maxEventBytes(), (b, off, len) -> onSse(gen, b, off, len));
        Transport transport = client.transport();
        transport.open(transport.options(HttpMethod.GET, url, settings, null, cookies, false))
                .compose(req -> {
                    if (gen != generation) {
                        req.reset();
                        return io.vertx.core.Future.failedFuture("stale");
                    }
                    streamReq = req;
                    return req.send();
                })
                .onComplete(ar -> {
                    if (gen != generation) {
                        if (ar.succeeded()) {
                            // reset, not connection().close(): the connection may already serve another request
                            ar.result().request().reset();
                        }
                        return;
                    }
                    if (ar.failed()) {
                        streamFailed(Failures.transport(ar.cause(), url, settings.connect(), idle));
                        return;
                    }
                    HttpClientResponse resp = ar.result();
                    cookies.store(resp.headers().getAll("set-cookie"));
                    if (resp.statusCode() != 200) {
                        Transport.readCapped(resp, Transport.MAX_SMALL_BYTES, "event stream request", url).onComplete(b -> {
                            if (gen == generation) {
                                streamFailed(b.failed() && b.cause() instanceof GradioException g ? g
                                        : Failures.status("event stream request", resp.statusCode(),
                                        b.succeeded() ? b.result() : "", url, prefix));
                            }
                        });
                        return;
                    }
                    streamResp = resp;
                    resp.exceptionHandler(t -> {
                        if (gen == generation && failing == null) {
                            failAfterBuffered(gen, new GradioConnectionException("The event stream from " + Failures.hostOf(url)
                                    + " broke (" + t + "); the events of session " + hash + " are lost, submit again", t));
                        }
                    });
                    resp.endHandler(v -> {
                        if (gen == generation) {
                            streamEnded(url);
                        }
                    });
                    long[] lingering = {0};
                    resp.handler(buf -> {
                        if (gen != generation) {
                            // the session is done with this stream (see endStream): bound what is still read
                            lingering[0] += buf.length();
                            if (lingering[0] > LINGER_BYTES) {
                                reset(resp.request());
                            }
                            return;
                        }
                        chunks++;
                        armIdle(); // any bytes count as activity, also the first part of a long event
                        try {
                            feed(parser, buf);
                        } catch (SseEventTooLargeException e) {
                            streamFailed(new GradioProtocolException(e.getMessage(), e));
                            return;
                        } catch (GradioException e) {
                            streamFailed(e);
                            return;
                        } catch (RuntimeException | StackOverflowError e) {
                            streamFailed(new GradioProtocolException("The event stream of " + Failures.hostOf(base)
                                    + " sent a message this client cannot read (" + e + "); the stream was closed", e));
                            return;
                        }
                    });
                    flowControl();
                });
    }

    /**
     * Hands a chunk to the parser: straight from the array behind it when it has one (Vert.x gives the handler its
     * own heap copy of what was read, and the parser copies whatever it keeps past the chunk), else through
     * {@link #scratch}.
     */
    private void feed(SseParser parser, Buffer buf) {
        int n = buf.length();
        if (buf instanceof BufferInternal b) {
            ByteBuf bb = b.getByteBuf();
            if (bb.hasArray()) {
                parser.feed(bb.array(), bb.arrayOffset() + bb.readerIndex(), n);
                return;
            }
        }
        byte[] bytes = n <= MAX_SCRATCH ? scratch(n) : new byte[n];
        buf.getBytes(0, n, bytes, 0);
        parser.feed(bytes, 0, n);
    }

    private byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.min(MAX_SCRATCH, Math.max(n, 2 * scratch.length))];
        }
        return scratch;
    }

    private void onSse(long gen, byte[] data, int offset, int length) {
        if (gen != generation) {
            return;
        }
        Message msg = Messages.header(scanner, data, offset, length, host);
        String type = msg.type();
        String eventId = msg.eventId();
        reopens = 0;
        switch (type) {
            case "heartbeat" -> {
                return;
            }
            case "close_stream" -> {
                closeReceived = true;
                return;
            }
            default -> {
            }
        }
        if (eventId == null) {
            for (CallState c : new ArrayList<>(calls.values())) {
                c.enqueue(msg);
            }
            if ("unexpected_error".equals(type)) {
                closeStream();
            }
            return;
        }
        CallState c;
        if (eventId == routedId) {
            c = routedCall; // the scanner hands the same id instance for each message of an event
        } else {
            c = calls.get(eventId);
            if (c != null) {
                routedId = eventId;
                routedCall = c;
            }
        }
        if (c != null) {
            c.enqueue(msg);
        } else if (ended.contains(eventId)) {
            return; // the tail of an event whose call ended (cancelled, failed): nobody waits for it
        } else if (earlyBytes + msg.json().length > maxEarlyBytes) {
            throw new GradioProtocolException("The event stream of " + Failures.hostOf(base) + " sent more than "
                    + maxEarlyBytes + " bytes of messages for events this session has not joined; the stream was closed."
                    + " Submit again, without a shared session hash");
        } else if (earlyCount < MAX_EARLY) {
            early.computeIfAbsent(eventId, k -> new ArrayList<>()).add(msg);
            earlyWeights.merge(eventId, (long) msg.json().length, Long::sum);
            earlyBytes += msg.json().length;
            earlyCount++;
        } else {
            LOG.log(System.Logger.Level.WARNING, "session {0}: dropped a message for unknown event {1}", hash, eventId);
        }
    }

    private void streamEnded(String url) {
        streamResp = null;
        streamReq = null;
        streaming = false;
        generation++;
        disarmIdle();
        List<CallState> waiting = waitingCalls();
        if (waiting.isEmpty()) {
            return;
        }
        if (closeReceived && reopens < MAX_REOPENS) {
            // The server closed after another event's completion while ours was joined: its messages wait in the
            // session buffer for a new stream.
            reopens++;
            openStream();
            return;
        }
        String why = closeReceived ? "closed the stream (close_stream) " + reopens + " times before "
                : "ended the event stream before ";
        for (CallState c : waiting) {
            c.fail(new GradioConnectionException(Failures.hostOf(url) + " " + why + "event " + c.eventId()
                    + " completed; the connection was dropped, submit again", null));
        }
    }

    /**
     * The connection broke. Vert.x reports that at once, even while the response is paused for a slow subscriber and
     * still holds chunks it read before the break (a paused {@code HttpClientResponse} keeps them in its inbound queue
     * and hands them to the handler on resume, also after the exception). Those messages were sent by the server, so
     * they go to their calls first: resume, and fail only once a round on the context brought no further chunk.
     */
    private void failAfterBuffered(long gen, GradioException e) {
        HttpClientResponse resp = streamResp;
        if (resp == null) {
            streamFailed(e);
            return;
        }
        failing = e;
        disarmIdle();
        paused = false;
        resp.resume();
        failWhenQuiet(gen, e, chunks);
    }

    private void failWhenQuiet(long gen, GradioException e, long seen) {
        ctx.runOnContext(v -> {
            if (gen != generation) {
                return; // ended (end handler, protocol error, last call left) while the chunks were handed over
            }
            if (chunks != seen) {
                failWhenQuiet(gen, e, chunks);
                return;
            }
            failing = null;
            streamFailed(e);
        });
    }

    private void streamFailed(GradioException e) {
        closeStream();
        for (CallState c : waitingCalls()) {
            c.fail(e);
        }
    }

    private List<CallState> waitingCalls() {
        List<CallState> out = new ArrayList<>();
        for (CallState c : calls.values()) {
            if (!c.finishedReceiving()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Closes the HTTP connection of the stream at once (the server then stops the session's work). */
    void closeStream() {
        HttpClientRequest req = detachStream();
        if (req != null) {
            reset(req);
        }
    }

    /**
     * Lets the server end the stream of a session whose events all finished: Gradio ends the response right after the
     * last event's final message, and a response read to its end leaves its connection in the pool. What still
     * arrives is discarded; after {@link #LINGER_MILLIS} or {@link #LINGER_BYTES}, whichever comes first, the
     * stream is closed as {@link #closeStream()} does.
     */
    private void endStream() {
        HttpClientResponse resp = streamResp;
        HttpClientRequest req = detachStream();
        if (req == null) {
            return;
        }
        if (resp == null) {
            reset(req);
            return;
        }
        long timer;
        try {
            timer = ctx.owner().setTimer(LINGER_MILLIS, id -> reset(req));
        } catch (RuntimeException e) { // Vert.x is closing: nothing is left to reuse the connection
            reset(req);
            return;
        }
        resp.end().onComplete(ar -> ctx.owner().cancelTimer(timer));
        resp.resume(); // a stream paused for a slow subscriber would never end
    }

    /** Forgets the stream (its handlers ignore what follows); returns its request, or null when none was open. */
    private HttpClientRequest detachStream() {
        disarmIdle();
        generation++;
        streaming = false;
        paused = false;
        HttpClientRequest req = streamReq;
        streamReq = null;
        streamResp = null;
        return req;
    }

    /**
     * While the response is in progress, reset() closes the HTTP/1.1 connection (so the server stops the session's
     * work). Once Vert.x has read the end of the response, which it may do while the stream is paused for a slow
     * subscriber, the connection is back in the pool and may carry another request: reset() then leaves it alone,
     * whereas connection().close() would break that unrelated request.
     */
    private static void reset(HttpClientRequest req) {
        try {
            req.reset();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the stream failed", e);
        }
    }

    /**
     * Records activity and makes sure the idle watchdog runs. One timer per stream: an event only stamps
     * {@link #lastActivity}; when the timer fires it fails the stream if it has been silent for the idle limit, and
     * otherwise re-arms itself for the time that remains.
     */
    private void armIdle() {
        lastActivity = System.nanoTime();
        if (idleTimer >= 0 && idleGen == generation) {
            return;
        }
        disarmIdle();
        scheduleIdle(idle.toNanos());
    }

    private void scheduleIdle(long delayNanos) {
        long gen = generation;
        idleGen = gen;
        long millis = Math.max(1, (delayNanos + 999_999) / 1_000_000);
        idleTimer = ctx.owner().setTimer(millis, id -> ctx.runOnContext(v -> {
            if (idleTimer != id || gen != generation) {
                return;
            }
            idleTimer = -1;
            long remaining = idle.toNanos() - (System.nanoTime() - lastActivity);
            if (remaining > 0) {
                scheduleIdle(remaining);
                return;
            }
            streamFailed(new GradioTimeoutException(GradioTimeoutException.Kind.IDLE, idle,
                    Failures.hostOf(base) + " sent nothing on the event stream for " + idle
                            + " (not even a heartbeat); the app may be stuck or asleep. Retry, or raise idleTimeout", null));
        }));
    }

    private void disarmIdle() {
        if (idleTimer >= 0) {
            ctx.owner().cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    String prefix() {
        return prefix;
    }
}
