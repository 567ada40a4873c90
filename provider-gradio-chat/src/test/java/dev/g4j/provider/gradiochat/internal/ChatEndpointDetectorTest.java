package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection against the /config the simulated apps serve over HTTP, then a round trip: the detected layout
 * maps a conversation to join data, the app runs it, and the reply is read back.
 */
@Timeout(60)
class ChatEndpointDetectorTest {

    private static final List<String> TOKENS = List.of("Hi", " there");

    private static DetectedChat found(JsonNode config) {
        EndpointDetection detection = ChatEndpointDetector.detect(config);
        assertThat(detection).isInstanceOf(EndpointDetection.Found.class);
        return ((EndpointDetection.Found) detection).chat();
    }

    /** Builds a spec from the detection, maps the conversation, runs it on the app and reads the reply. */
    private static ChatReply roundTrip(SimulatedRun run, DetectedChat chat, Messages conversation) throws Exception {
        GradioChatSpec spec = chat.applyTo(GradioChatSpec.builder("Detected").url(URI.create(run.sim.baseUrl())))
                .build();
        JsonNode outputs = run.completedOutputs(chat.fnIndex(), chat.triggerId(), JoinData.of(spec, conversation, null));
        return ReplyExtractor.extract(spec.format(), spec.chatbotOutput(), outputs.get(spec.chatbotOutput()));
    }

    @Test
    void chatInterface4() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.chatInterface4(), TOKENS)) {
            DetectedChat chat = found(run.config());
            assertThat(chat).isEqualTo(new DetectedChat(4, "chat", 11, "", "4.44.1", List.of(InputSlot.prompt(),
                    InputSlot.nullValue(), InputSlot.systemPrompt("You are helpful."),
                    InputSlot.constant(DoubleNode.valueOf(0.7))), ChatFormat.RESPONSE, 0, true));
            assertThat(roundTrip(run, chat, Messages.of(Message.user("A"), Message.assistant("B"), Message.user("C"))))
                    .isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void chatInterface5UnderTheApiPrefix() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.chatInterface5Thinking(), TOKENS)) {
            DetectedChat chat = found(run.config());
            assertThat(chat.fnIndex()).isEqualTo(6);
            assertThat(chat.apiName()).isEqualTo("chat");
            assertThat(chat.apiPrefix()).isEqualTo("/gradio_api");
            assertThat(chat.format()).isEqualTo(ChatFormat.RESPONSE);
            assertThat(roundTrip(run, chat, Messages.ofUser("Hello")))
                    .isEqualTo(new ChatReply.Text("Hi there", "Considering: Hello"));
        }
    }

    @Test
    void gradio6ChatInterfaceNamedAfterTheFunctionWithApiVisibility() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.chatInterface6(), TOKENS)) {
            DetectedChat chat = found(run.config());
            assertThat(chat.fnIndex()).isEqualTo(6);
            assertThat(chat.apiName()).isEqualTo("respond");
            assertThat(chat.version()).isEqualTo("6.25.0");
            assertThat(chat.format()).isEqualTo(ChatFormat.RESPONSE);
            assertThat(roundTrip(run, chat, Messages.ofUser("Hello"))).isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void hiddenEndpointsLoseToThePublicOneInGradio6() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.chatInterface6(), TOKENS)) {
            ObjectNode config = (ObjectNode) run.config();
            ((ObjectNode) config.get("dependencies").get(6)).put("api_visibility", "private");
            // Only the private /respond has the ChatInterface shape; the hidden _submit_fn has no textbox input.
            assertThat(found(config).fnIndex()).isEqualTo(6);
        }
    }

    @Test
    void qwen25SpacePrefersTheTextboxSubmitAndFindsItsHiddenSystemPrompt() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen25(), TOKENS)) {
            DetectedChat chat = found(run.config());
            assertThat(chat).isEqualTo(new DetectedChat(3, "model_chat", 25, "", "4.44.1", List.of(InputSlot.prompt(),
                    InputSlot.history(), InputSlot.systemPrompt(
                            "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."),
                    InputSlot.constant(TextNode.valueOf("72B"))), ChatFormat.MGR, 1, false));
            assertThat(roundTrip(run, chat, Messages.of(Message.user("A"), Message.assistant("B"), Message.user("C"))))
                    .isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void qwen2SpaceShape() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen2_72b(), TOKENS)) {
            DetectedChat chat = found(run.config());
            assertThat(chat).isEqualTo(new DetectedChat(0, "model_chat", 11, "", "4.44.1", List.of(InputSlot.prompt(),
                    InputSlot.history(), InputSlot.systemPrompt("You are a helpful assistant.")), ChatFormat.TUPLES, 1,
                    false));
            assertThat(roundTrip(run, chat, Messages.of(Message.system("S"), Message.user("A"), Message.assistant("B"),
                    Message.user("C")))).isEqualTo(new ChatReply.Text("Hi there", ""));
        }
    }

    @Test
    void chatbotTypePropAndVersionChooseTheFormat() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.tupleChatbot(), TOKENS)) {
            ObjectNode config = (ObjectNode) run.config();
            assertThat(found(config).format()).isEqualTo(ChatFormat.TUPLES);
            ObjectNode chatbotProps = (ObjectNode) config.get("components").get(0).get("props");
            chatbotProps.put("type", "messages");
            config.put("version", "5.49.1");
            assertThat(found(config).format()).isEqualTo(ChatFormat.MESSAGES);
            chatbotProps.remove("type");
            config.put("version", "6.25.0");
            assertThat(found(config).format()).isEqualTo(ChatFormat.TYPED_MESSAGES);
        }
    }

    @Test
    void aPrivateEndpointLosesToAPublicOne() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen25(), TOKENS)) {
            ObjectNode config = (ObjectNode) run.config();
            ((ObjectNode) config.get("dependencies").get(3)).put("api_name", false);
            DetectedChat chat = found(config);
            assertThat(chat.fnIndex()).isEqualTo(4);
            assertThat(chat.triggerId()).isEqualTo(27);
        }
    }

    @Test
    void anAppWithoutAChatShapeNamesItsEndpoints() throws Exception {
        try (SimulatedRun run = new SimulatedRun(SimulatedApp.qwen3Demo(), TOKENS)) {
            EndpointDetection detection = ChatEndpointDetector.detect(run.config());
            assertThat(detection).isInstanceOf(EndpointDetection.NotFound.class);
            EndpointDetection.NotFound notFound = (EndpointDetection.NotFound) detection;
            assertThat(notFound.endpoints()).hasSize(14).startsWith("/lambda (fn_index 0)")
                    .endsWith("/submit (fn_index 13)");
            assertThat(notFound.message("https://qwen-qwen3-demo.hf.space"))
                    .startsWith("The Gradio app https://qwen-qwen3-demo.hf.space has no chat-shaped endpoint")
                    .contains("/submit (fn_index 13)").contains("Describe the endpoint and its inputs in a spec");
        }
        EndpointDetection empty = ChatEndpointDetector.detect(SimulatedRun.MAPPER.readTree("{\"version\":\"4.44.1\"}"));
        assertThat(((EndpointDetection.NotFound) empty).message("http://127.0.0.1:7860"))
                .contains("its endpoints: none with a Python function.");
    }
}
