package dev.g4j.openai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server that speaks the OpenAI Chat Completions API, for tests, demos and benchmarks: {@code GET
 * /v1/models}, {@code GET /v1/models/{id}} and {@code POST /v1/chat/completions}, streaming (server-sent
 * {@code chat.completion.chunk} events ending with {@code data: [DONE]}) or not. It answers with a fixed text split
 * into word tokens, optionally preceded by reasoning deltas, and reports usage (always without streaming; when
 * streaming, when the request asks with {@code stream_options.include_usage} or {@link Builder#alwaysUsage(boolean)}).
 * A {@code max_tokens} smaller than the answer cuts it and ends with {@code finish_reason: "length"}.
 *
 * <pre>{@code
 * try (OpenAiSimulator sim = OpenAiSimulator.builder().answer("Hello there").apiKey("sk-test").start()) {
 *     sim.nextFaults(Fault.rateLimited("7"));        // the next chat request gets a 429
 *     String base = sim.baseUrl();                    // http://127.0.0.1:PORT/v1
 *     ...
 *     RecordedRequest sent = sim.lastChatRequest().orElseThrow();
 * }
 * }</pre>
 *
 * <p>It listens on 127.0.0.1 only. Every request is recorded (the most recent {@link Builder#maxRecorded(int)}), so
 * tests can check the messages, parameters and headers a client sent. Thread-safe.
 */
public final class OpenAiSimulator implements AutoCloseable {
    /** The default answer. */
    public static final String DEFAULT_ANSWER = "Hello from the OpenAI simulator.";
    /** The default served models; the first is used in answers when the request names none. */
    public static final List<String> DEFAULT_MODELS = List.of("sim-model", "sim-reasoner");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final Settings settings;
    private final Vertx vertx;
    private final HttpServer server;
    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Fault> queuedFaults = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger clientDisconnects = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final int port;

    private OpenAiSimulator(Settings settings) {
        this.settings = settings;
        this.vertx = Vertx.vertx();
        try {
            this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(settings.port))
                    .requestHandler(this::handle)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The OpenAI simulator could not listen on 127.0.0.1:" + settings.port + ": " + e.getMessage(), e);
        }
        this.port = server.actualPort();
    }

    /**
     * Starts a builder with the defaults: {@link #DEFAULT_ANSWER}, {@link #DEFAULT_MODELS}, no key, no reasoning,
     * no delay, LF line ends, no faults, a free port.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a simulator with every default.
     *
     * @return the running simulator
     */
    public static OpenAiSimulator start() {
        return builder().start();
    }

    /**
     * The base URL that clients use, ending in {@code /v1} without a trailing slash.
     *
     * @return e.g. {@code http://127.0.0.1:41234/v1}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /**
     * The port the simulator listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Queues faults for the next chat requests, one fault per request, in order; they take precedence over the
     * fault set with {@link Builder#fault(Fault)}.
     *
     * @param faults the faults
     */
    public void nextFaults(Fault... faults) {
        queuedFaults.addAll(Arrays.asList(faults));
    }

    /**
     * The requests received, oldest first (at most {@link Builder#maxRecorded(int)}).
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /**
     * The chat requests received, oldest first.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> chatRequests() {
        return requests().stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    /**
     * The most recent chat request.
     *
     * @return the request, or empty when none arrived
     */
    public Optional<RecordedRequest> lastChatRequest() {
        List<RecordedRequest> chats = chatRequests();
        return chats.isEmpty() ? Optional.empty() : Optional.of(chats.get(chats.size() - 1));
    }

    /**
     * How many streamed answers are being written right now.
     *
     * @return the open streams
     */
    public int openStreams() {
        return openStreams.get();
    }

    /**
     * How many streamed answers lost their connection before the simulator ended them (the client cancelled or
     * timed out).
     *
     * @return the count so far
     */
    public int clientDisconnects() {
        return clientDisconnects.get();
    }

    /**
     * Waits until a client closes the connection of a streamed answer before it ended.
     *
     * @param timeout how long to wait
     * @return true when a disconnect was seen (each disconnect is reported once)
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitClientDisconnect(Duration timeout) throws InterruptedException {
        return disconnects.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    /** Stops the server and its event loop. Idempotent. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort
        }
    }

    @Override
    public String toString() {
        return "OpenAiSimulator{" + baseUrl() + "}";
    }

    // ---- request handling -------------------------------------------------------------------------------------

    private void handle(HttpServerRequest req) {
        String length = req.getHeader("content-length");
        if (length != null && length.length() < 12 && Long.parseLong(length.strip()) > MAX_BODY) {
            sendError(req.response(), 413, "Request body too large", "invalid_request_error", null);
            return;
        }
        req.body().onSuccess(body -> dispatch(req, body)).onFailure(e -> req.response().reset());
    }

    private void dispatch(HttpServerRequest req, Buffer body) {
        String text = body == null ? "" : body.toString();
        JsonNode json = null;
        try {
            json = text.isEmpty() ? null : JSON.readTree(text);
        } catch (Exception e) {
            json = null;
        }
        record(req, text, json);
        HttpServerResponse res = req.response();
        String path = req.path();
        if (settings.apiKey != null && !("Bearer " + settings.apiKey).equals(req.getHeader("authorization"))) {
            sendError(res, 401, "Incorrect API key provided. You can find your API key in the dashboard.",
                    "invalid_request_error", "invalid_api_key");
            return;
        }
        if (path.equals("/v1/models") && req.method().name().equals("GET")) {
            sendModels(res);
        } else if (path.startsWith("/v1/models/") && req.method().name().equals("GET")) {
            String id = java.net.URLDecoder.decode(path.substring("/v1/models/".length()), java.nio.charset.StandardCharsets.UTF_8);
            if (settings.models.contains(id)) {
                sendJson(res, 200, modelNode(id));
            } else {
                sendError(res, 404, "The model '" + id + "' does not exist", "invalid_request_error", "model_not_found");
            }
        } else if (path.equals("/v1/chat/completions") && req.method().name().equals("POST")) {
            chat(req, res, json);
        } else {
            sendError(res, 404, "Unknown path " + path, "invalid_request_error", "not_found");
        }
    }

    private void record(HttpServerRequest req, String text, JsonNode json) {
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        RecordedRequest r = new RecordedRequest(req.method().name(), req.path(), headers, text, json);
        synchronized (recorded) {
            recorded.addLast(r);
            while (recorded.size() > settings.maxRecorded) {
                recorded.removeFirst();
            }
        }
    }

    private void chat(HttpServerRequest req, HttpServerResponse res, JsonNode json) {
        if (json == null || !json.isObject() || !json.path("messages").isArray()) {
            sendError(res, 400, "The body must be a JSON object with a 'messages' array", "invalid_request_error", null);
            return;
        }
        Fault queued = queuedFaults.poll();
        Fault fault = queued != null ? queued : settings.fault;
        String model = json.path("model").asText("");
        if (fault != null) {
            switch (fault.kind()) {
                case UNAUTHORIZED -> {
                    sendError(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
                    return;
                }
                case MODEL_NOT_FOUND -> {
                    sendError(res, 404, "The model '" + model + "' does not exist or you do not have access to it.",
                            "invalid_request_error", "model_not_found");
                    return;
                }
                case RATE_LIMITED -> {
                    if (fault.detail() != null) {
                        res.putHeader("retry-after", fault.detail());
                    }
                    sendError(res, 429, "Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded");
                    return;
                }
                case STATUS -> {
                    sendError(res, fault.status(), fault.detail() == null ? "The server had an error" : fault.detail(),
                            fault.status() >= 500 ? "server_error" : "invalid_request_error", null);
                    return;
                }
                default -> {
                    // stream faults are applied below
                }
            }
        }
        if (settings.checkModels && !model.isEmpty() && !settings.models.contains(model)) {
            sendError(res, 404, "The model '" + model + "' does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found");
            return;
        }
        String answeredModel = model.isEmpty() ? settings.models.get(0) : model;
        List<String> tokens = tokens(settings.answer);
        String finishReason = "stop";
        JsonNode maxTokens = json.get("max_tokens");
        if (maxTokens != null && maxTokens.canConvertToInt() && maxTokens.asInt() >= 0 && maxTokens.asInt() < tokens.size()) {
            tokens = tokens.subList(0, maxTokens.asInt());
            finishReason = "length";
        }
        List<String> reasoning = settings.reasoning == null ? List.of() : tokens(settings.reasoning);
        int promptTokens = 0;
        for (JsonNode m : json.path("messages")) {
            promptTokens += tokens(m.path("content").asText("")).size();
        }
        Usage usage = new Usage(promptTokens, tokens.size() + reasoning.size());
        String id = "chatcmpl-sim" + ids.incrementAndGet();
        if (!json.path("stream").asBoolean(false)) {
            sendCompletion(res, id, answeredModel, String.join("", reasoning), String.join("", tokens), finishReason, usage);
            return;
        }
        boolean includeUsage = settings.alwaysUsage || json.path("stream_options").path("include_usage").asBoolean(false);
        new StreamWriter(req, res, id, answeredModel, reasoning, tokens, finishReason, includeUsage ? usage : null, fault).start();
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private record Usage(int prompt, int completion) {
        ObjectNode node() {
            ObjectNode u = JSON.createObjectNode();
            u.put("prompt_tokens", prompt);
            u.put("completion_tokens", completion);
            u.put("total_tokens", prompt + completion);
            return u;
        }
    }

    private void sendModels(HttpServerResponse res) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        settings.models.forEach(m -> data.add(modelNode(m)));
        sendJson(res, 200, root);
    }

    private static ObjectNode modelNode(String id) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", 1_700_000_000L);
        m.put("owned_by", "g4j-simulator");
        return m;
    }

    private void sendCompletion(HttpServerResponse res, String id, String model, String reasoning, String content,
                                String finishReason, Usage usage) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        if (!reasoning.isEmpty()) {
            message.put(settings.reasoningField.wireName(), reasoning);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage.node());
        sendJson(res, 200, root);
    }

    private static void sendJson(HttpServerResponse res, int status, JsonNode body) {
        res.setStatusCode(status).putHeader("content-type", "application/json").putHeader("x-request-id", "req-sim")
                .end(body.toString());
    }

    private static void sendError(HttpServerResponse res, int status, String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        sendJson(res, status, root);
    }

    /** Writes one streamed answer step by step, on the server's event loop. */
    private final class StreamWriter {
        private final HttpServerRequest req;
        private final HttpServerResponse res;
        private final String id;
        private final String model;
        private final List<String> reasoning;
        private final List<String> tokens;
        private final String finishReason;
        private final Usage usage;
        private final Fault fault;
        private final String eol;
        private boolean ended;
        private boolean closed;
        private int reasoningSent;
        private int tokensSent;
        private int phase;

        StreamWriter(HttpServerRequest req, HttpServerResponse res, String id, String model, List<String> reasoning,
                     List<String> tokens, String finishReason, Usage usage, Fault fault) {
            this.req = req;
            this.res = res;
            this.id = id;
            this.model = model;
            this.reasoning = reasoning;
            this.tokens = tokens;
            this.finishReason = finishReason;
            this.usage = usage;
            this.fault = fault;
            this.eol = settings.crlf ? "\r\n" : "\n";
        }

        void start() {
            openStreams.incrementAndGet();
            res.setChunked(true).setStatusCode(200)
                    .putHeader("content-type", "text/event-stream")
                    .putHeader("cache-control", "no-cache")
                    .putHeader("x-request-id", "req-sim");
            res.closeHandler(v -> {
                if (!ended) {
                    ended = true;
                    closed = true;
                    openStreams.decrementAndGet();
                    clientDisconnects.incrementAndGet();
                    disconnects.offer(id);
                }
            });
            keepAlive();
            ObjectNode delta = JSON.createObjectNode();
            delta.put("role", "assistant");
            delta.put("content", "");
            write(chunk(delta, null));
            step();
        }

        /** Writes the next piece; pauses {@code tokenDelay} between tokens. */
        private void step() {
            while (!closed) {
                if (reasoningSent < reasoning.size()) {
                    ObjectNode delta = JSON.createObjectNode();
                    delta.put(settings.reasoningField.wireName(), reasoning.get(reasoningSent++));
                    write(chunk(delta, null));
                } else if (tokensSent < tokens.size()) {
                    if (fault != null && tokensSent == fault.afterTokens() && strikeMidStream()) {
                        return;
                    }
                    ObjectNode delta = JSON.createObjectNode();
                    String token = tokens.get(tokensSent++);
                    delta.put("content", settings.stampTokens ? "s" + System.nanoTime() + " " : token);
                    write(chunk(delta, null));
                } else {
                    if (fault != null && tokensSent <= fault.afterTokens() && strikeMidStream()) {
                        return;
                    }
                    finish();
                    return;
                }
                keepAlive();
                if (!settings.tokenDelay.isZero()) {
                    vertx.setTimer(Math.max(1, settings.tokenDelay.toMillis()), t -> step());
                    return;
                }
            }
        }

        /** Applies a mid-stream fault; true when the stream must stop here. */
        private boolean strikeMidStream() {
            switch (fault.kind()) {
                case DROP -> {
                    end();
                    req.connection().close();
                    return true;
                }
                case ERROR_EVENT -> {
                    ObjectNode root = JSON.createObjectNode();
                    ObjectNode error = root.putObject("error");
                    error.put("message", fault.detail() == null ? "The server had an error while processing your request." : fault.detail());
                    error.put("type", "server_error");
                    error.putNull("param");
                    error.putNull("code");
                    write(root.toString());
                    end();
                    res.end();
                    return true;
                }
                case MALFORMED_EVENT -> {
                    if (phase == 0) {
                        phase = 1;
                        write("{\"choices\":[{\"delta\":{\"content\":\"oops");
                    }
                    return false;
                }
                case STALL -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private void finish() {
            if (fault != null && fault.kind() == Fault.Kind.CUT_OFF) {
                end();
                res.end();
                return;
            }
            String last = chunk(JSON.createObjectNode(), finishReason);
            write(last);
            if (usage != null) {
                ObjectNode u = base();
                u.putArray("choices");
                u.set("usage", usage.node());
                write(u.toString());
            }
            if (fault == null || fault.kind() != Fault.Kind.NO_DONE) {
                write("[DONE]");
            }
            end();
            res.end();
        }

        private void end() {
            if (!ended) {
                ended = true;
                openStreams.decrementAndGet();
            }
        }

        private ObjectNode base() {
            ObjectNode c = JSON.createObjectNode();
            c.put("id", id);
            c.put("object", "chat.completion.chunk");
            c.put("created", 1_700_000_000L);
            c.put("model", model);
            c.put("system_fingerprint", "fp_sim");
            return c;
        }

        private String chunk(ObjectNode delta, String finish) {
            ObjectNode c = base();
            ObjectNode choice = c.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finish == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finish);
            }
            if (usage != null) {
                c.putNull("usage");
            }
            return c.toString();
        }

        private void write(String data) {
            res.write("data: " + data + eol + eol);
        }

        private void write(ObjectNode data) {
            write(data.toString());
        }

        private void keepAlive() {
            if (settings.keepAlive) {
                res.write(": keep-alive" + eol + eol);
            }
        }
    }

    // ---- configuration ----------------------------------------------------------------------------------------

    private record Settings(String answer, String reasoning, ReasoningField reasoningField, List<String> models,
                            String apiKey, Duration tokenDelay, boolean crlf, boolean keepAlive, boolean alwaysUsage,
                            boolean checkModels, Fault fault, int port, int maxRecorded, boolean stampTokens) {
    }

    /** Configures an {@link OpenAiSimulator}. */
    public static final class Builder {
        private String answer = DEFAULT_ANSWER;
        private String reasoning;
        private ReasoningField reasoningField = ReasoningField.REASONING_CONTENT;
        private List<String> models = DEFAULT_MODELS;
        private String apiKey;
        private Duration tokenDelay = Duration.ZERO;
        private boolean crlf;
        private boolean keepAlive;
        private boolean alwaysUsage;
        private boolean checkModels = true;
        private Fault fault;
        private int port;
        private int maxRecorded = 1000;
        private boolean stampTokens;

        private Builder() {
        }

        /**
         * The answer, streamed one word (with its trailing space) per chunk.
         *
         * @param answer the text, not null
         * @return this builder
         */
        public Builder answer(String answer) {
            this.answer = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * Reasoning streamed before the answer, one word per chunk; null for none.
         *
         * @param reasoning the reasoning text
         * @return this builder
         */
        public Builder reasoning(String reasoning) {
            this.reasoning = reasoning == null || reasoning.isEmpty() ? null : reasoning;
            return this;
        }

        /**
         * The delta field that carries reasoning.
         *
         * @param field {@code reasoning_content} (the default) or {@code reasoning}
         * @return this builder
         */
        public Builder reasoningField(ReasoningField field) {
            this.reasoningField = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * The served models; a chat request for another model gets 404 {@code model_not_found} (see
         * {@link #acceptAnyModel(boolean)}).
         *
         * @param models at least one model id
         * @return this builder
         */
        public Builder models(List<String> models) {
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("The simulator needs at least one model");
            }
            this.models = List.copyOf(models);
            return this;
        }

        /**
         * Answers for any model name, like llama.cpp in single-model mode.
         *
         * @param accept true to skip the model check
         * @return this builder
         */
        public Builder acceptAnyModel(boolean accept) {
            this.checkModels = !accept;
            return this;
        }

        /**
         * Requires {@code Authorization: Bearer <key>} on every request (401 otherwise); null for no check.
         *
         * @param apiKey the expected key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The pause before each streamed token after the first chunk (slow tokens).
         *
         * @param tokenDelay zero for none
         * @return this builder
         */
        public Builder tokenDelay(Duration tokenDelay) {
            if (tokenDelay == null || tokenDelay.isNegative()) {
                throw new IllegalArgumentException("tokenDelay must be zero or positive");
            }
            this.tokenDelay = tokenDelay;
            return this;
        }

        /**
         * Ends stream lines with CRLF instead of LF.
         *
         * @param crlf true for CRLF
         * @return this builder
         */
        public Builder crlf(boolean crlf) {
            this.crlf = crlf;
            return this;
        }

        /**
         * Sends a {@code : keep-alive} comment before the first chunk and after every token.
         *
         * @param keepAlive true to send comments
         * @return this builder
         */
        public Builder keepAliveComments(boolean keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /**
         * Sends the usage chunk on every stream, as OpenRouter does, even without {@code include_usage}.
         *
         * @param always true to always send usage
         * @return this builder
         */
        public Builder alwaysUsage(boolean always) {
            this.alwaysUsage = always;
            return this;
        }

        /**
         * A fault for every chat request that has no queued fault.
         *
         * @param fault the fault, or null for none
         * @return this builder
         */
        public Builder fault(Fault fault) {
            this.fault = fault;
            return this;
        }

        /**
         * The port; 0 (the default) picks a free one.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Replaces the text of each streamed token by {@code s<System.nanoTime()> } taken as it is written, so a
         * benchmark in the same JVM can measure each token's delivery delay. The token count stays the same.
         *
         * @param stamp true to stamp tokens
         * @return this builder
         */
        public Builder stampTokens(boolean stamp) {
            this.stampTokens = stamp;
            return this;
        }

        /**
         * How many requests are kept for {@link OpenAiSimulator#requests()}.
         *
         * @param maxRecorded at least 1
         * @return this builder
         */
        public Builder maxRecorded(int maxRecorded) {
            if (maxRecorded < 1) {
                throw new IllegalArgumentException("maxRecorded must be at least 1");
            }
            this.maxRecorded = maxRecorded;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running simulator
         * @throws IllegalStateException when it cannot listen
         */
        public OpenAiSimulator start() {
            return new OpenAiSimulator(new Settings(answer, reasoning, reasoningField, models, apiKey, tokenDelay, crlf,
                    keepAlive, alwaysUsage, checkModels, fault, port, maxRecorded, stampTokens));
        }
    }
}
