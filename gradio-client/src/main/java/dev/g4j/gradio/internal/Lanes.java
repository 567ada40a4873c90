package dev.g4j.gradio.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The event loops the client's sessions run on, each with its own HTTP client. Vert.x pools connections per client
 * and a pooled connection keeps the event loop it was opened on, so with one client a session would often read its
 * stream on another loop, every chunk crossing threads; with one client per loop, a session's requests use
 * connections of its own loop. A new session goes to the loop with the fewest live sessions of its app, which
 * spreads many streams over every loop; the connection limit per origin is shared by the loops (each gets its part,
 * rounded up). Thread-safe.
 */
final class Lanes {
    /**
     * One event loop: the context sessions placed on it run on, and the HTTP client whose connections it opens.
     *
     * @param index its position
     * @param loop the Netty event loop
     * @param context a context on that loop
     * @param http the client used from that loop
     */
    record Lane(int index, EventLoop loop, Context context, HttpClientAgent http) {
    }

    private final VertxInternal vertx;
    private final Lane[] lanes;
    /** Live sessions per app origin, one count per lane. */
    private final Map<String, int[]> sessions = new HashMap<>();

    /**
     * Makes one lane per event loop of {@code vertx}, at most one per processor.
     *
     * @param vertx the Vert.x instance
     * @param options the HTTP client options
     * @param maxConnectionsPerHost the connection limit per origin, shared by the lanes
     */
    Lanes(Vertx vertx, HttpClientOptions options, int maxConnectionsPerHost) {
        this.vertx = (VertxInternal) vertx;
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : this.vertx.nettyEventLoopGroup()) {
            if (e instanceof EventLoop loop && loops.size() < Runtime.getRuntime().availableProcessors()) {
                loops.add(loop);
            }
        }
        if (loops.isEmpty()) {
            loops.add(this.vertx.createEventLoopContext().nettyEventLoop());
        }
        int perLane = Math.max(1, (maxConnectionsPerHost + loops.size() - 1) / loops.size());
        lanes = new Lane[loops.size()];
        for (int i = 0; i < lanes.length; i++) {
            EventLoop loop = loops.get(i);
            ContextInternal context = this.vertx.contextBuilder().withEventLoop(loop).build();
            lanes[i] = new Lane(i, loop, context, vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(perLane)));
        }
    }

    /**
     * Places a new session of an app on the lane with the fewest live sessions of that app, wherever the call comes
     * from: a caller on one of the loops (a host verticle, or a provider continuing from an earlier answer) would
     * otherwise pile its sessions onto one loop and that loop's share of the connection limit.
     *
     * @param origin the app's base URL
     * @return the lane; the session runs on its context
     */
    synchronized Lane acquire(String origin) {
        int[] counts = sessions.computeIfAbsent(origin, o -> new int[lanes.length]);
        Lane lane = lanes[0];
        for (Lane l : lanes) {
            if (counts[l.index()] < counts[lane.index()]) {
                lane = l;
            }
        }
        counts[lane.index()]++;
        return lane;
    }

    /**
     * A session placed by {@link #acquire} ended.
     *
     * @param origin the app's base URL
     * @param lane its lane
     */
    synchronized void release(String origin, Lane lane) {
        int[] counts = sessions.get(origin);
        if (counts == null) {
            return;
        }
        counts[lane.index()]--;
        for (int c : counts) {
            if (c > 0) {
                return;
            }
        }
        sessions.remove(origin);
    }

    /**
     * Runs an HTTP action with the client of the calling context's loop; from any other thread, on the first lane's
     * context, so that the connection it opens belongs to that loop and every callback of the action runs there.
     *
     * @param action the whole exchange: request, response handlers, body reading
     * @param <T> its result type
     * @return the action's future; its listeners run on the lane's context
     */
    <T> Future<T> withHttp(Function<HttpClientAgent, Future<T>> action) {
        Context caller = Vertx.currentContext();
        Lane lane = caller != null && caller.isEventLoopContext() ? laneOf(caller) : null;
        if (lane != null) {
            return action.apply(lane.http());
        }
        Lane first = lanes[0];
        ContextInternal context = (ContextInternal) first.context();
        Promise<T> result = context.promise();
        context.runOnContext(v -> {
            try {
                action.apply(first.http()).onComplete(result);
            } catch (RuntimeException e) {
                result.tryFail(e);
            }
        });
        return result.future();
    }

    private Lane laneOf(Context context) {
        if (context.owner() != vertx) {
            return null;
        }
        EventLoop loop = ((ContextInternal) context).nettyEventLoop();
        for (Lane l : lanes) {
            if (l.loop() == loop) {
                return l;
            }
        }
        return null;
    }

    /**
     * Closes every lane's HTTP client.
     *
     * @return completed when all are closed
     */
    Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Lane l : lanes) {
            closing.add(l.http().close());
        }
        return Future.join(closing).mapEmpty();
    }

    /**
     * The number of lanes (for tests).
     *
     * @return how many event loops sessions are spread over
     */
    int size() {
        return lanes.length;
    }
}
