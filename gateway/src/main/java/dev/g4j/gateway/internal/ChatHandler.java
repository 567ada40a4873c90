package dev.g4j.gateway.internal;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.registry.ProviderRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/chat/completions}: checks the request, holds one of the stream permits, asks the registry and
 * streams or collects the answer.
 */
public final class ChatHandler implements Handler<RoutingContext> {
    private static final System.Logger LOG = System.getLogger(ChatHandler.class.getName());
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Vertx vertx;
    private final ProviderRegistry registry;
    private final ChatRequestParser parser;
    private final ModelPolicy policy;
    private final HttpReplies replies;
    private final int maxStreams;
    private final long keepAliveMillis;
    private final AtomicInteger active = new AtomicInteger();

    /**
     * Creates the handler.
     *
     * @param vertx runs the timers
     * @param config the gateway's settings
     * @param parser reads requests
     * @param replies writes answers and errors
     */
    public ChatHandler(Vertx vertx, GatewayConfig config, ChatRequestParser parser, HttpReplies replies) {
        this.vertx = vertx;
        this.registry = config.registry();
        this.parser = parser;
        this.policy = new ModelPolicy(config.registry(), config.allowCallerUrls());
        this.replies = replies;
        this.maxStreams = config.maxStreams();
        this.keepAliveMillis = Math.max(1, config.keepAlive().toMillis());
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        ChatRequest request;
        try {
            request = parser.parse(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
            policy.check(request.model());
        } catch (BadRequestException e) {
            replies.error(response, e.error());
            return;
        }
        if (active.incrementAndGet() > maxStreams) {
            active.decrementAndGet();
            replies.error(response, new ApiError(429, "The gateway is answering its limit of " + maxStreams
                    + " chat completions at once; try again in a moment.", "rate_limit_error", null,
                    "concurrency_limit_exceeded", Duration.ofSeconds(1)));
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                active.decrementAndGet();
            }
        };
        Wire.Head head = new Wire.Head(newId(), System.currentTimeMillis() / 1000);
        response.putHeader("x-request-id", head.id());
        LOG.log(Level.DEBUG, () -> "Chat " + head.id() + ": model " + request.model() + ", "
                + request.messages().size() + " message(s), stream " + request.stream());
        AsyncResult result;
        try {
            result = registry.create(request.model(), request.messages(), request.options());
        } catch (RuntimeException e) {
            release.run();
            replies.error(response, ErrorMapper.map(e));
            return;
        }
        Context context = vertx.getOrCreateContext();
        String model = request.model() == null ? "default" : request.model();
        ContextSubscriber subscriber = request.stream()
                ? new StreamingChat(vertx, context, response, replies, head, model, request.includeUsage(), keepAliveMillis, release)
                : new CollectingChat(context, response, replies, head, model, release);
        result.subscribe(subscriber);
    }

    /**
     * How many chat completions are being answered.
     *
     * @return the count
     */
    public int active() {
        return active.get();
    }

    private String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return "chatcmpl-" + new String(id);
    }
}
