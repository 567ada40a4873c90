package dev.g4j.gateway.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The HTTP side of the gateway: routes, authentication, limits and the Vert.x server that serves them. */
public final class GatewayServer {
    private static final System.Logger LOG = System.getLogger(GatewayServer.class.getName());
    private static final String MODELS_PREFIX = "/v1/models/";

    private final GatewayConfig config;
    private final Vertx vertx;
    private final HttpReplies replies;
    private final ModelCatalog catalog;
    private final ChatHandler chat;
    private final List<HttpServer> servers = new ArrayList<>();

    /**
     * Prepares the server; nothing listens until {@link #start()}.
     *
     * @param config the settings
     */
    public GatewayServer(GatewayConfig config) {
        this.config = config;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors())));
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        this.replies = new HttpReplies(new Wire(factory));
        this.catalog = new ModelCatalog(config.registry(), System.currentTimeMillis() / 1000);
        this.chat = new ChatHandler(vertx, config, new ChatRequestParser(mapper, config.options()), replies);
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound port
     * @throws Exception when the address cannot be bound
     */
    public int start() throws Exception {
        // One server per event loop on the same port: Vert.x spreads the connections across them. A negative port
        // makes every instance share one free port where 0 would give each its own.
        int port = config.port() == 0 ? -1 : config.port();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        int bound = -1;
        try {
            for (int i = 0; i < loops; i++) {
                HttpServerOptions options = new HttpServerOptions()
                        .setHost(config.host())
                        .setPort(port)
                        .setCompressionSupported(false)
                        // A connection with no traffic either way (a client that stopped reading, or never sent its
                        // request) is closed, which cancels its upstream request; streams stay busy with keep-alives.
                        .setIdleTimeout((int) Math.max(60, config.keepAlive().toSeconds() * 4))
                        .setIdleTimeoutUnit(TimeUnit.SECONDS);
                HttpServer server = vertx.createHttpServer(options).requestHandler(router());
                server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                servers.add(server);
                bound = server.actualPort();
            }
        } catch (Exception e) {
            vertx.close();
            throw e instanceof java.util.concurrent.ExecutionException && e.getCause() instanceof Exception
                    ? (Exception) e.getCause() : e;
        }
        LOG.log(System.Logger.Level.INFO, "g4j gateway listening on " + config.host() + ":" + bound);
        return bound;
    }

    /**
     * How many chat completions are being answered.
     *
     * @return the count
     */
    public int activeChats() {
        return chat.active();
    }

    /** Stops listening, drops open connections and stops the event loops. */
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "The gateway did not stop cleanly: " + e);
        }
    }

    private Router router() {
        Router router = Router.router(vertx);
        if (config.corsOrigin() != null) {
            router.route().handler(CorsHandler.create()
                    .addOrigin(config.corsOrigin())
                    .allowedMethod(HttpMethod.GET)
                    .allowedMethod(HttpMethod.POST)
                    .allowedHeader("authorization")
                    .allowedHeader("content-type"));
        }
        router.get("/health").handler(ctx -> replies.json(ctx.response(), 200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII)));
        router.route("/v1/*").handler(this::authenticate);
        router.post("/v1/chat/completions")
                .handler(BodyHandler.create(false).setBodyLimit(config.bodyLimit()))
                .handler(chat);
        router.get("/v1/models").handler(ctx -> replies.json(ctx.response(), 200, replies.wire().modelList(catalog.list())));
        router.getWithRegex("/v1/models/.+").handler(this::model);
        router.route().last().handler(ctx -> replies.error(ctx.response(), new ApiError(404,
                "Unknown path " + ctx.request().method() + " " + ctx.request().path()
                        + ": this gateway serves POST /v1/chat/completions, GET /v1/models, GET /v1/models/{id} and GET /health.",
                "invalid_request_error", null, "unknown_url", null)));
        router.route().failureHandler(this::failure);
        return router;
    }

    private void authenticate(RoutingContext ctx) {
        Secret expected = config.apiKey();
        if (expected == null) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        }
        if (token == null || token.isEmpty()) {
            replies.error(ctx.response(), new ApiError(401, "Missing API key: send it as 'Authorization: Bearer <key>'.",
                    "invalid_request_error", null, "invalid_api_key", null));
            return;
        }
        if (!expected.equals(Secret.of(token))) {
            replies.error(ctx.response(), new ApiError(401, "Incorrect API key provided.",
                    "invalid_request_error", null, "invalid_api_key", null));
            return;
        }
        ctx.next();
    }

    private void model(RoutingContext ctx) {
        String raw = ctx.request().path().substring(MODELS_PREFIX.length());
        String id;
        try {
            // Newer SDKs send '/' inside an id as %2F; a '+' is a plus in a path.
            id = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            replies.error(ctx.response(), ApiError.badRequest("model", "The model id in the path is not valid percent-encoding."));
            return;
        }
        Optional<ModelCatalog.Entry> entry = catalog.find(id);
        if (entry.isPresent()) {
            replies.json(ctx.response(), 200, replies.wire().model(entry.get()));
        } else {
            replies.error(ctx.response(), catalog.notFound(id));
        }
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        ApiError error;
        if (status == 413) {
            error = new ApiError(413, "The request body is larger than this gateway's limit of " + config.bodyLimit()
                    + " bytes; send a shorter conversation.", "invalid_request_error", null, "request_too_large", null);
        } else if (ctx.failure() != null) {
            error = ErrorMapper.map(ctx.failure());
            if (error.status() == 500) {
                LOG.log(System.Logger.Level.WARNING, "Request " + ctx.request().method() + " "
                        + ctx.request().path() + " failed", ctx.failure());
            }
        } else {
            error = new ApiError(status > 0 ? status : 500, "The request failed with HTTP " + status + ".",
                    status >= 500 ? "server_error" : "invalid_request_error", null,
                    ("http_" + status).toLowerCase(Locale.ROOT), null);
        }
        replies.error(ctx.response(), error);
    }
}
