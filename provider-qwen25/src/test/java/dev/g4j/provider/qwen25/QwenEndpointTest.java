package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.gradio.GradioConfig;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QwenEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COMPONENTS = """
            [{"id":23,"type":"textbox","props":{"value":"You are Qwen, created by Alibaba Cloud. You are a helpful assistant.","visible":false}},
             {"id":24,"type":"modelscopechatbot","props":{"value":[],"label":"72b"}},
             {"id":25,"type":"textbox","props":{"value":"","label":"Input"}},
             {"id":14,"type":"radio","props":{"value":"72B","choices":[],"visible":false}},
             {"id":20,"type":"textbox","props":{"value":"","label":"System"}},
             {"id":27,"type":"button","props":{"value":"Send"}},
             {"id":30,"type":"state","props":{"value":"extra"}}]""";

    private static GradioConfig config(String apiPrefix, String dependencies) throws Exception {
        return GradioConfig.parse(JSON.readTree("{\"version\":\"4.44.1\",\"protocol\":\"sse_v3\",\"api_prefix\":\"" + apiPrefix
                + "\",\"components\":" + COMPONENTS + ",\"dependencies\":" + dependencies + "}"));
    }

    private static final Qwen25Request REQUEST = Qwen25RequestMapper.map(
            Messages.of(Message.user("u1"), Message.assistant("a1"), Message.user("Hello")), Qwen25Model.QWEN2_5_CODER_7B);

    @Test
    void findsModelChatByApiNameAndLaysOutTheInputs() throws Exception {
        QwenEndpoint e = QwenEndpoint.discover(config("", """
                [{"id":3,"targets":[[25,"submit"]],"inputs":[25,24,23,14],"outputs":[25,24,20],"api_name":"model_chat"},
                 {"id":4,"targets":[[27,"click"]],"inputs":[25,24,23,14],"outputs":[25,24,20],"api_name":"model_chat_1"}]"""));
        assertThat(e.discovered()).isTrue();
        assertThat(e.endpoint().fnIndex()).isEqualTo(3);
        assertThat(e.endpoint().triggerId()).isEqualTo(25);
        assertThat(e.chatbotOutput()).isEqualTo(1);
        assertThat(e.layout().data(REQUEST)).containsExactly("Hello", List.of(List.of("u1", "a1")),
                Qwen25RequestMapper.DEFAULT_SYSTEM_PROMPT, "Coder-7B");
    }

    @Test
    void findsTheInputTextboxSubmitWhenTheApiNameDiffersAndFollowsAnotherInputOrder() throws Exception {
        QwenEndpoint e = QwenEndpoint.discover(config("/gradio_api", """
                [{"id":7,"targets":[[27,"click"]],"inputs":[25,24,23,14],"outputs":[25,24,20],"api_name":"chat_1"},
                 {"id":9,"targets":[[25,"submit"]],"inputs":[14,30,24,25,23],"outputs":[20,24],"api_name":"chat"}]"""));
        assertThat(e.endpoint().fnIndex()).isEqualTo(9);
        assertThat(e.endpoint().triggerId()).isEqualTo(25);
        assertThat(e.endpoint().apiPrefix()).isEqualTo("/gradio_api");
        assertThat(e.chatbotOutput()).isEqualTo(1);
        List<Object> data = e.layout().data(REQUEST);
        assertThat(data.get(0)).isEqualTo("Coder-7B");
        assertThat(data.get(1).toString()).isEqualTo("\"extra\"");
        assertThat(data.get(2)).isEqualTo(List.of(List.of("u1", "a1")));
        assertThat(data.get(3)).isEqualTo("Hello");
        assertThat(data.get(4)).isEqualTo(Qwen25RequestMapper.DEFAULT_SYSTEM_PROMPT);
    }

    @Test
    void fallsBackToThePublishedIdsWhenNothingMatches() throws Exception {
        QwenEndpoint e = QwenEndpoint.discover(config("/gradio_api", """
                [{"id":0,"targets":[[14,"change"]],"inputs":[14],"outputs":[14],"api_name":"update"}]"""));
        assertThat(e.discovered()).isFalse();
        assertThat(e.endpoint().fnIndex()).isEqualTo(3);
        assertThat(e.endpoint().triggerId()).isEqualTo(25);
        assertThat(e.endpoint().apiPrefix()).isEqualTo("/gradio_api");
        assertThat(e.layout().data(REQUEST)).containsExactly("Hello", List.of(List.of("u1", "a1")),
                Qwen25RequestMapper.DEFAULT_SYSTEM_PROMPT, "Coder-7B");
    }
}
