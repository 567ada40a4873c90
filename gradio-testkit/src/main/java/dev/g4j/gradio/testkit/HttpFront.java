package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.g4j.gradio.testkit.AppSpec.NODES;

/**
 * The HTTP routes of the simulated app, with FastAPI's status codes and error bodies. Runs on the
 * simulator's event loop.
 */
final class HttpFront implements Handler<HttpServerRequest> {

    private final GradioMode mode;
    private final SimulatedApp app;
    private final QueueEngine engine;
    private final Supplier<String> baseUrl;
    private final Function<JoinRequest, FaultPlan> planForJoin;
    private final java.util.function.Consumer<RecordedRequest> recorder;
    private long joinSequence;

    HttpFront(GradioMode mode, SimulatedApp app, QueueEngine engine, Supplier<String> baseUrl,
              Function<JoinRequest, FaultPlan> planForJoin, java.util.function.Consumer<RecordedRequest> recorder) {
        this.mode = mode;
        this.app = app;
        this.engine = engine;
        this.baseUrl = baseUrl;
        this.planForJoin = planForJoin;
        this.recorder = recorder;
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onComplete(ar -> {
            String body = ar.succeeded() && ar.result() != null ? ar.result().toString() : "";
            recorder.accept(record(request, body));
            try {
                route(request, body);
            } catch (RuntimeException e) {
                if (!request.response().headWritten()) {
                    plainError(request.response());
                }
            }
        });
    }

    private static RecordedRequest record(HttpServerRequest request, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(e.getValue()));
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new RecordedRequest(request.method().name(), request.path(), request.query(), headers, body);
    }

    private void route(HttpServerRequest request, String body) {
        String path = request.path();
        HttpMethod method = request.method();
        HttpServerResponse response = request.response();
        if (path.equals("/config")) {
            expect(method, HttpMethod.GET, response, () -> json(response, 200, app.config(mode, baseUrl.get())));
            return;
        }
        String prefix = mode.apiPrefix();
        if (!path.startsWith(prefix)) {
            notFound(response);
            return;
        }
        switch (path.substring(prefix.length())) {
            case "/info" -> expect(method, HttpMethod.GET, response, () -> json(response, 200, app.info()));
            case "/queue/join" -> expect(method, HttpMethod.POST, response, () -> join(response, body));
            case "/queue/data" -> expect(method, HttpMethod.GET, response, () -> data(request));
            case "/cancel" -> expect(method, HttpMethod.POST, response, () -> cancel(response, body));
            case "/reset" -> expect(method, HttpMethod.POST, response, () -> json(response, 200, success()));
            case "/queue/status" -> expect(method, HttpMethod.GET, response,
                    () -> json(response, 200, engine.messages().estimation(null, null, 0, null)));
            default -> notFound(response);
        }
    }

    /** The body as a JSON object, or null after answering 422 as FastAPI does for a body that is not one. */
    private JsonNode parseObjectOr422(HttpServerResponse response, String body) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            json(response, 422, validation(error("json_invalid", List.of("body", 0), "JSON decode error",
                    NODES.objectNode())));
            return null;
        }
        return root;
    }

    private void join(HttpServerResponse response, String body) {
        JsonNode root = parseObjectOr422(response, body);
        if (root == null) {
            return;
        }
        ArrayNode problems = NODES.arrayNode();
        JsonNode data = root.get("data");
        if (data == null) {
            problems.add(error("missing", List.of("body", "data"), "Field required", root));
        } else if (!data.isArray()) {
            problems.add(error("list_type", List.of("body", "data"), "Input should be a valid list", data));
        }
        JsonNode fn = root.get("fn_index");
        boolean fnValid = fn == null || fn.isNull() || fn.canConvertToExactIntegral()
                || (fn.isTextual() && fn.textValue().matches("-?\\d+"));
        if (!fnValid) {
            problems.add(error("int_parsing", List.of("body", "fn_index"),
                    "Input should be a valid integer, unable to parse string as an integer", fn));
        }
        JsonNode hash = root.get("session_hash");
        if (hash != null && !hash.isNull() && !hash.isTextual()) {
            problems.add(error("string_type", List.of("body", "session_hash"), "Input should be a valid string", hash));
        }
        if (!problems.isEmpty()) {
            json(response, 422, validation(problems));
            return;
        }
        if (hash == null || hash.isNull()) {
            detail(response, 400, "Session hash not found.");
            return;
        }
        if (fn == null || fn.isNull()) {
            detail(response, 400, "No function index provided.");
            return;
        }
        int fnIndex = fn.isTextual() ? Integer.parseInt(fn.textValue()) : fn.asInt();
        JoinRequest join = new JoinRequest(++joinSequence, hash.textValue(), fnIndex, data);
        FaultPlan plan = planForJoin.apply(join);
        Fault.RefuseJoin refusal = plan.find(Fault.RefuseJoin.class).orElse(null);
        if (refusal != null && refusal.status() == 503) {
            detail(response, 503, "Queue is full. Max size is 1 and size is 1.");
            return;
        }
        if (refusal != null || !app.hasFunction(fnIndex)) {
            plainError(response);
            return;
        }
        ObjectNode accepted = NODES.objectNode();
        accepted.put("event_id", engine.join(join, plan));
        json(response, 200, accepted);
    }

    private void data(HttpServerRequest request) {
        String hash = request.getParam("session_hash");
        if (hash == null) {
            json(request.response(), 422, validation(error("missing", List.of("query", "session_hash"),
                    "Field required", NODES.nullNode())));
            return;
        }
        engine.openStream(hash, request.response());
    }

    private void cancel(HttpServerResponse response, String body) {
        JsonNode root = parseObjectOr422(response, body);
        if (root == null) {
            return;
        }
        ArrayNode problems = NODES.arrayNode();
        for (String field : List.of("session_hash", "fn_index", "event_id")) {
            if (root.get(field) == null) {
                problems.add(error("missing", List.of("body", field), "Field required", root));
            }
        }
        if (!problems.isEmpty()) {
            json(response, 422, validation(problems));
            return;
        }
        engine.cancel(root.get("session_hash").asText(), root.get("event_id").asText());
        json(response, 200, success());
    }

    private static ObjectNode success() {
        ObjectNode node = NODES.objectNode();
        node.put("success", true);
        return node;
    }

    private static void expect(HttpMethod actual, HttpMethod expected, HttpServerResponse response, Runnable action) {
        if (actual.equals(expected)) {
            action.run();
        } else {
            detail(response, 405, "Method Not Allowed");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static ObjectNode error(String type, List<Object> loc, String msg, JsonNode input) {
        ObjectNode e = NODES.objectNode();
        e.put("type", type);
        e.set("loc", Json.MAPPER.valueToTree(loc));
        e.put("msg", msg);
        e.set("input", input);
        return e;
    }

    private static ObjectNode validation(JsonNode errors) {
        ObjectNode node = NODES.objectNode();
        node.set("detail", errors.isArray() ? errors : NODES.arrayNode().add(errors));
        return node;
    }

    private static void notFound(HttpServerResponse response) {
        detail(response, 404, "Not Found");
    }

    private static void detail(HttpServerResponse response, int status, String detail) {
        ObjectNode node = NODES.objectNode();
        node.put("detail", detail);
        json(response, status, node);
    }

    private static void plainError(HttpServerResponse response) {
        response.setStatusCode(500).putHeader("content-type", "text/plain; charset=utf-8")
                .end("Internal Server Error");
    }

    private static void json(HttpServerResponse response, int status, JsonNode body) {
        response.setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.write(body)));
    }
}
