package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.gradiochat.internal.AppResolver;
import dev.g4j.provider.gradiochat.internal.ChatPlan;
import dev.g4j.provider.gradiochat.internal.HostLookup;
import dev.g4j.provider.gradiochat.internal.SharedGradioClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How the Qwen 2.5 spec meets an app's /config: by api name, by a detected chat layout, or by its published ids. */
class QwenEndpointTest {
    private static final String COMPONENTS = """
            [{"id":23,"type":"textbox","props":{"value":"You are Qwen, created by Alibaba Cloud. You are a helpful assistant.","visible":false}},
             {"id":24,"type":"modelscopechatbot","props":{"value":[],"label":"72b"}},
             {"id":25,"type":"textbox","props":{"value":"","label":"Input"}},
             {"id":14,"type":"radio","props":{"value":"72B","choices":[],"visible":false}},
             {"id":20,"type":"textbox","props":{"value":"","label":"System"}},
             {"id":27,"type":"button","props":{"value":"Send"}},
             {"id":30,"type":"state","props":{"value":"extra"}}]""";

    private static final Messages CHAT = Messages.of(Message.user("u1"), Message.assistant("a1"), Message.user("Hello"));

    /** The plan the provider would send for {@link #CHAT} with the Coder-7B model, against an app with this config. */
    private static ChatPlan plan(String apiPrefix, String dependencies) throws Exception {
        String config = "{\"version\":\"4.44.1\",\"protocol\":\"sse_v3\",\"api_prefix\":\"" + apiPrefix
                + "\",\"components\":" + COMPONENTS + ",\"dependencies\":" + dependencies + "}";
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/config", exchange -> {
            byte[] body = config.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        SharedGradioClient clients = new SharedGradioClient(null);
        try {
            URI base = URI.create("http://127.0.0.1:" + app.getAddress().getPort());
            GradioSettings settings = GradioSettings.builder().connectTimeout(Duration.ofSeconds(5))
                    .idleTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(10)).noProxy().build();
            return new AppResolver(new HostLookup(), name -> null).forSpec(Qwen25Provider.SPEC, base, CHAT,
                    "qwen2.5-coder-7b-instruct", clients.get(), settings).get(10, TimeUnit.SECONDS);
        } finally {
            clients.close();
            app.stop(0);
        }
    }

    private static void assertPublishedLayout(JsonNode data) {
        assertThat(data.toString()).isEqualTo("[\"Hello\",[[\"u1\",\"a1\"]],\"" + Qwen25Provider.DEFAULT_SYSTEM_PROMPT
                + "\",\"Coder-7B\"]");
    }

    @Test
    void findsModelChatByApiNameAndLaysOutTheInputs() throws Exception {
        ChatPlan p = plan("", """
                [{"id":3,"targets":[[25,"submit"]],"inputs":[25,24,23,14],"outputs":[25,24,20],"api_name":"model_chat"},
                 {"id":4,"targets":[[27,"click"]],"inputs":[25,24,23,14],"outputs":[25,24,20],"api_name":"model_chat_1"}]""");
        assertThat(p.endpoint().fnIndex()).isEqualTo(3);
        assertThat(p.endpoint().triggerId()).isEqualTo(25);
        assertThat(p.spec().chatbotOutput()).isEqualTo(1);
        assertPublishedLayout(p.data());
    }

    @Test
    void followsAnotherApiNameAndInputOrderThroughTheTextboxSubmitFunction() throws Exception {
        ChatPlan p = plan("/gradio_api", """
                [{"id":7,"targets":[[27,"click"]],"inputs":[25,24,23,14],"outputs":[25,24,20],"api_name":"chat_1"},
                 {"id":9,"targets":[[25,"submit"]],"inputs":[14,30,24,25,23],"outputs":[20,24],"api_name":"chat"}]""");
        assertThat(p.endpoint().fnIndex()).isEqualTo(9);
        assertThat(p.endpoint().triggerId()).isEqualTo(25);
        assertThat(p.endpoint().apiPrefix()).isEqualTo("/gradio_api");
        assertThat(p.spec().chatbotOutput()).isEqualTo(1);
        assertThat(p.spec().name()).isEqualTo(Qwen25Provider.NAME);
        JsonNode data = p.data();
        assertThat(data.get(0).textValue()).isEqualTo("Coder-7B");
        assertThat(data.get(1).isNull()).as("a State is sent as null").isTrue();
        assertThat(data.get(2).toString()).isEqualTo("[[\"u1\",\"a1\"]]");
        assertThat(data.get(3).textValue()).isEqualTo("Hello");
        assertThat(data.get(4).textValue()).isEqualTo(Qwen25Provider.DEFAULT_SYSTEM_PROMPT);
    }

    @Test
    void fallsBackToThePublishedIdsWhenNothingMatches() throws Exception {
        ChatPlan p = plan("/gradio_api", """
                [{"id":0,"targets":[[14,"change"]],"inputs":[14],"outputs":[14],"api_name":"update"}]""");
        assertThat(p.endpoint().fnIndex()).isEqualTo(3);
        assertThat(p.endpoint().triggerId()).isEqualTo(25);
        assertThat(p.endpoint().apiPrefix()).isEqualTo("/gradio_api");
        assertPublishedLayout(p.data());
    }
}
