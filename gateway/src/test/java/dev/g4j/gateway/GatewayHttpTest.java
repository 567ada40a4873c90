package dev.g4j.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.Role;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.registry.ProviderRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire format, limits and safety rules, checked byte by byte with the JDK's HTTP client. */
class GatewayHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private URI start(Consumer<G4jGateway.Builder> settings, FakeProvider... providers) {
        ProviderRegistry.Builder rb = ProviderRegistry.builder().useDefaultClassLoaders(false);
        for (FakeProvider p : providers) {
            rb.add(p);
        }
        ProviderRegistry registry = rb.build();
        G4jGateway.Builder builder = G4jGateway.builder(registry).port(0);
        settings.accept(builder);
        G4jGateway gateway = builder.build();
        open.add(registry);
        open.add(gateway);
        return gateway.start();
    }

    private URI start(FakeProvider... providers) {
        return start(b -> { }, providers);
    }

    private HttpResponse<String> post(URI base, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            rb.headers(headers);
        }
        return http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            rb.headers(headers);
        }
        return http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String model, boolean stream, String extra) {
        return "{" + (model == null ? "" : "\"model\":\"" + model + "\",") + "\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + extra + "}";
    }

    private static List<String> dataLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).collect(Collectors.toList());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = body.get("error");
        assertThat(error).isNotNull();
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).isTrue();
        return error;
    }

    @Test
    void streamsChunksWithRoleReasoningFinishUsageAndDone() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> r = post(base, "/chat/completions", chat("fake-1", true, ",\"stream_options\":{\"include_usage\":true}"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = dataLines(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data.subList(0, data.size() - 1)) {
            chunks.add(JSON.readTree(d));
        }
        String id = chunks.get(0).get("id").asText();
        assertThat(id).startsWith("chatcmpl-");
        for (JsonNode c : chunks) {
            assertThat(c.get("id").asText()).isEqualTo(id);
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("model").asText()).isEqualTo("fake-1");
            assertThat(c.get("created").asLong()).isEqualTo(chunks.get(0).get("created").asLong());
        }
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(1).at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Thinking.");
        String text = chunks.stream().map(c -> c.at("/choices/0/delta/content").asText("")).collect(Collectors.joining());
        assertThat(text).isEqualTo("Hello, world!");
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.stream().filter(c -> !c.at("/choices/0/finish_reason").isNull()
                && !c.at("/choices/0/finish_reason").isMissingNode()).count()).isEqualTo(1);
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.at("/usage/total_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> r = post(base, "/chat/completions", chat("fake-1", true, ""));

        assertThat(r.body()).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void answersWholeCompletionWithUsageAndReasoning() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> r = post(base, "/chat/completions", chat("fake-1", false, ""));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo("fake-1");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello, world!");
        assertThat(body.at("/choices/0/message/reasoning_content").asText()).isEqualTo("Thinking.");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void replacedTextIsAppliedInWholeAnswers() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", (sink, model) -> {
            sink.emitText("  indented");
            sink.emit(ResponseChunk.replaced("indented"));
            sink.emitText(" more");
            sink.complete();
        }));

        JsonNode body = JSON.readTree(post(base, "/chat/completions", chat("fake-1", false, "")).body());

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("indented more");
        assertThat(body.has("usage")).isFalse();
    }

    @Test
    void mapsMessagesAndTypedParameters() throws Exception {
        FakeProvider fake = FakeProvider.of("Fake", "fake-1", Scripts.HELLO);
        URI base = start(fake);

        HttpResponse<String> r = post(base, "/chat/completions", "{\"model\":\"fake-1\",\"messages\":["
                + "{\"role\":\"developer\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello \"},{\"type\":\"text\",\"text\":\"there\"}]},"
                + "{\"role\":\"assistant\",\"content\":null},"
                + "{\"role\":\"assistant\",\"content\":\"Hi.\"},"
                + "{\"role\":\"user\",\"content\":\"Again\"}],"
                + "\"temperature\":0.5,\"top_p\":0.9,\"max_tokens\":100,\"max_completion_tokens\":50,\"stop\":\"END\",\"seed\":7,"
                + "\"n\":1,\"user\":\"ignored\",\"tools\":[]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(fake.lastMessages.asList()).containsExactly(new Message(Role.SYSTEM, "Be brief."),
                Message.user("Hello there"), Message.assistant("Hi."), Message.user("Again"));
        assertThat(fake.lastOptions.temperature()).contains(0.5);
        assertThat(fake.lastOptions.topP()).contains(0.9);
        assertThat(fake.lastOptions.maxTokens()).contains(50);
        assertThat(fake.lastOptions.stop()).containsExactly("END");
        assertThat(fake.lastOptions.seed()).contains(7L);

        post(base, "/chat/completions", chat("fake-1", false, ",\"stop\":[\"a\",\"b\"],\"max_tokens\":12"));
        assertThat(fake.lastOptions.stop()).containsExactly("a", "b");
        assertThat(fake.lastOptions.maxTokens()).contains(12);
        assertThat(fake.lastOptions.temperature()).isEmpty();
    }

    @Test
    void refusesBadRequestsNamingTheParameter() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));
        Map<String, String> cases = Map.ofEntries(
                Map.entry(chat("fake-1", false, ",\"temperature\":3"), "temperature"),
                Map.entry(chat("fake-1", false, ",\"temperature\":\"hot\""), "temperature"),
                Map.entry(chat("fake-1", false, ",\"top_p\":0"), "top_p"),
                Map.entry(chat("fake-1", false, ",\"max_tokens\":0"), "max_tokens"),
                Map.entry(chat("fake-1", false, ",\"max_tokens\":99999999999"), "max_tokens"),
                Map.entry(chat("fake-1", false, ",\"seed\":1e400"), "seed"),
                Map.entry(chat("fake-1", false, ",\"max_completion_tokens\":1.5"), "max_completion_tokens"),
                Map.entry(chat("fake-1", false, ",\"stop\":[\"\"]"), "stop"),
                Map.entry(chat("fake-1", false, ",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]"), "stop"),
                Map.entry(chat("fake-1", false, ",\"seed\":\"x\""), "seed"),
                Map.entry(chat("fake-1", false, ",\"n\":2"), "n"),
                Map.entry(chat("fake-1", "yes", ""), "stream"),
                Map.entry("{\"model\":\"fake-1\"}", "messages"),
                Map.entry("{\"model\":\"fake-1\",\"messages\":[]}", "messages"),
                Map.entry("{\"model\":\"fake-1\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].role"),
                Map.entry("{\"model\":\"fake-1\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}",
                        "messages[0].content[0].type"),
                Map.entry("{\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = post(base, "/chat/completions", c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            JsonNode error = error(r);
            assertThat(error.get("param").asText()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        }
        HttpResponse<String> image = post(base, "/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}");
        assertThat(error(image).get("message").asText()).contains("not supported");
    }

    private static String chat(String model, String stream, String extra) {
        return "{\"model\":\"" + model + "\",\"stream\":\"" + stream + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + extra + "}";
    }

    @Test
    void refusesInvalidJson() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        String deep = "{\"messages\":" + "[".repeat(200) + "]".repeat(200) + "}";
        for (String body : List.of("{\"model\":", "[1,2]", "", "nul", deep, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]")) {
            HttpResponse<String> r = post(base, "/chat/completions", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(error(r).get("type").asText()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void unknownModelIs404WithSuggestion() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> r = post(base, "/chat/completions", chat("fake-2", true, ""));

        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode error = error(r);
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("param").asText()).isEqualTo("model");
        assertThat(error.get("message").asText()).contains("Did you mean 'fake-1'?");
    }

    @Test
    void omittedModelUsesTheDefault() throws Exception {
        FakeProvider fake = FakeProvider.of("Fake", "fake-1", Scripts.HELLO);
        URI base = start(fake);

        JsonNode body = JSON.readTree(post(base, "/chat/completions", chat(null, false, "")).body());

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello, world!");
        assertThat(fake.lastModel).isEqualTo("fake-1");
    }

    @Test
    void refusesCallerChosenAddressesUnlessAllowed() throws Exception {
        FakeProvider open = new FakeProvider("Open", List.of("listed"), Map.of(), true, Scripts.HELLO);
        URI base = start(open);

        for (String model : List.of("Open:https://example.com/space", "Open:owner/space", "https://x.y/z", "Open:evil.example:80")) {
            HttpResponse<String> r = post(base, "/chat/completions", chat(model, false, ""));
            assertThat(r.statusCode()).as(model).isEqualTo(400);
            assertThat(error(r).get("code").asText()).isEqualTo("model_not_allowed");
        }
        assertThat(open.lastModel).isNull();
        assertThat(post(base, "/chat/completions", chat("Open:listed", false, "")).statusCode()).isEqualTo(200);

        FakeProvider allowed = new FakeProvider("Open", List.of("listed"), Map.of(), true, Scripts.HELLO);
        URI permissive = start(b -> b.allowCallerUrls(true), allowed);
        assertThat(post(permissive, "/chat/completions", chat("Open:owner/space", false, "")).statusCode()).isEqualTo(200);
        assertThat(allowed.lastModel).isEqualTo("owner/space");
    }

    @Test
    void upstreamFailuresMapToStatuses() throws Exception {
        URI base = start(
                FakeProvider.of("Limited", "limited", (sink, m) -> sink.fail(new RateLimitException(429, null,
                        "The upstream is rate limited; try again later.", Duration.ofMillis(2500)))),
                FakeProvider.of("Slow", "slow", (sink, m) -> sink.fail(new ProviderTimeoutException(
                        ProviderTimeoutException.Kind.IDLE, Duration.ofSeconds(1), "No event for 1 s"))),
                FakeProvider.of("Broken", "broken", (sink, m) -> sink.fail(
                        new dev.g4j.provider.api.UpstreamProtocolException("Malformed upstream answer"))));

        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> limited = post(base, "/chat/completions", chat("limited", stream, ""));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).contains("3");
            assertThat(limited.headers().firstValue("retry-after-ms")).contains("3000");
            assertThat(error(limited).get("code").asText()).isEqualTo("rate_limit_exceeded");

            HttpResponse<String> slow = post(base, "/chat/completions", chat("slow", stream, ""));
            assertThat(slow.statusCode()).isEqualTo(504);
            assertThat(error(slow).get("message").asText()).contains("No event for 1 s");

            HttpResponse<String> broken = post(base, "/chat/completions", chat("broken", stream, ""));
            assertThat(broken.statusCode()).isEqualTo(502);
            assertThat(error(broken).get("message").asText()).contains("Malformed upstream answer");
        }
    }

    @Test
    void failureAfterTheStreamBeganEndsWithAnErrorEvent() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.FAILS_MID_STREAM));

        HttpResponse<String> r = post(base, "/chat/completions", chat("fake-1", true, ""));

        assertThat(r.statusCode()).isEqualTo(200);
        List<String> data = dataLines(r.body());
        assertThat(data).doesNotContain("[DONE]");
        JsonNode last = JSON.readTree(data.get(data.size() - 1));
        assertThat(last.at("/error/message").asText()).contains("closed the connection");
        assertThat(last.at("/error/type").asText()).isEqualTo("upstream_error");
        assertThat(last.at("/error/code").asText()).isEqualTo("upstream_failure");
        assertThat(last.get("error").has("param")).isTrue();
        assertThat(r.body()).contains("Partial ").endsWith("\n\n").contains("\nevent: error\ndata: {\"error\"");
    }

    @Test
    void clientThatDisconnectsCancelsTheUpstream() throws Exception {
        FakeProvider stalling = FakeProvider.of("Stall", "stall", Scripts.STALLS);
        URI base = start(stalling);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat("stall", true, ""))).build();

        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = r.body();
        byte[] first = new byte[16];
        assertThat(body.read(first)).isPositive(); // the stream began
        body.close();

        assertThat(stalling.cancelled.await(1, TimeUnit.SECONDS)).as("upstream cancelled within a second").isTrue();
    }

    @Test
    void clientThatDisconnectsFromAWholeAnswerCancelsTheUpstream() throws Exception {
        FakeProvider stalling = FakeProvider.of("Stall", "stall", Scripts.STALLS);
        URI base = start(stalling);
        String body = chat("stall", false, "");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(stalling.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(stalling.cancelled.await(1, TimeUnit.SECONDS)).as("upstream cancelled within a second").isTrue();
    }

    @Test
    void silentUpstreamGetsKeepAliveComments() throws Exception {
        URI base = start(b -> b.keepAliveInterval(Duration.ofMillis(20)),
                FakeProvider.of("Quiet", "quiet", (sink, model) -> { }));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat("quiet", true, ""))).build();

        HttpResponse<java.util.stream.Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());

        assertThat(r.statusCode()).isEqualTo(200);
        try (java.util.stream.Stream<String> lines = r.body()) {
            assertThat(lines.limit(3).filter(l -> l.equals(": keep-alive")).count()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void listsModelsAndAliasesWithTheirProvider() throws Exception {
        FakeProvider a = new FakeProvider("Alpha", List.of("a-1", "a-2"), Map.of("a", "a-1"), false, Scripts.HELLO);
        FakeProvider b = new FakeProvider("Beta", List.of("b/1:tag"), Map.of(), true, Scripts.HELLO);
        URI base = start(a, b);

        JsonNode list = JSON.readTree(get(base, "/models").body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        for (JsonNode m : list.get("data")) {
            ids.add(m.get("id").asText());
            assertThat(m.get("object").asText()).isEqualTo("model");
            assertThat(m.get("created").asLong()).isPositive();
            assertThat(m.get("owned_by").asText()).isEqualTo(m.get("id").asText().startsWith("b") ? "Beta" : "Alpha");
        }
        assertThat(ids).containsExactlyInAnyOrder("a", "a-1", "a-2", "b/1:tag");

        HttpResponse<String> one = get(base, "/models/b%2F1:tag");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("owned_by").asText()).isEqualTo("Beta");
        assertThat(get(base, "/models/b/1:tag").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = get(base, "/models/a-3");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing).get("message").asText()).contains("Did you mean");
    }

    @Test
    void apiKeyIsRequiredWhenSet() throws Exception {
        URI base = start(b -> b.apiKey(Secret.of("s3cret-key")), FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> none = post(base, "/chat/completions", chat("fake-1", false, ""));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).get("code").asText()).isEqualTo("invalid_api_key");
        HttpResponse<String> wrong = get(base, "/models", "authorization", "Bearer s3cret-kez");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("s3cret");
        assertThat(get(base, "/models", "authorization", "Bearer s3cret-key").statusCode()).isEqualTo(200);
        assertThat(post(base, "/chat/completions", chat("fake-1", false, ""), "authorization", "Bearer s3cret-key").statusCode())
                .isEqualTo(200);
        assertThat(get(URI.create(base.toString().replace("/v1", "")), "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void nonLoopbackAddressNeedsAKey() {
        ProviderRegistry registry = ProviderRegistry.builder().useDefaultClassLoaders(false).build();
        assertThatThrownBy(() -> G4jGateway.builder(registry).host("0.0.0.0").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("API key");
        assertThat(G4jGateway.builder(registry).host("0.0.0.0").apiKey(Secret.of("k")).build()).isNotNull();
        assertThat(G4jGateway.builder(registry).host("localhost").build()).isNotNull();
        assertThat(G4jGateway.builder(registry).host("::1").build()).isNotNull();
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        URI base = start(b -> b.bodyLimit(2048), FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> r = post(base, "/chat/completions", chat("fake-1", false, ",\"user\":\"" + "x".repeat(4096) + "\""));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).get("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void streamsPastTheLimitAreRefusedWith429() throws Exception {
        FakeProvider stalling = FakeProvider.of("Stall", "stall", Scripts.STALLS);
        URI base = start(b -> b.maxConcurrentStreams(1), stalling);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat("stall", true, ""))).build();
        HttpResponse<InputStream> first = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(first.body().read(new byte[8])).isPositive();

        HttpResponse<String> second = post(base, "/chat/completions", chat("stall", true, ""));

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).contains("1");
        assertThat(error(second).get("code").asText()).isEqualTo("concurrency_limit_exceeded");
        first.body().close();
    }

    @Test
    void corsIsOffUnlessAnOriginIsGiven() throws Exception {
        URI closed = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));
        assertThat(get(closed, "/models", "origin", "https://app.example").headers().firstValue("access-control-allow-origin")).isEmpty();

        URI openCors = start(b -> b.corsOrigin("https://app.example"), FakeProvider.of("Fake", "fake-1", Scripts.HELLO));
        assertThat(get(openCors, "/models", "origin", "https://app.example").headers().firstValue("access-control-allow-origin"))
                .contains("https://app.example");
    }

    @Test
    void unknownPathIsAnOpenAiError() throws Exception {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));

        HttpResponse<String> r = get(base, "/embeddings");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).get("message").asText()).contains("/v1/chat/completions");
    }

    @Test
    void startReportsTheBoundAddress() {
        URI base = start(FakeProvider.of("Fake", "fake-1", Scripts.HELLO));
        assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
        assertThat(base.getPort()).isPositive();
        assertThat(new String(base.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)).endsWith("/v1");
    }
}
