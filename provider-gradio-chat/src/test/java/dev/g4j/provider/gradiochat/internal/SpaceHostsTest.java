package dev.g4j.provider.gradiochat.internal;

import dev.g4j.provider.api.UpstreamProtocolException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpaceHostsTest {

    @Test
    void theEndpointIsTheOptionThenTheVariableThenHuggingFace() {
        Map<String, String> env = Map.of("HF_ENDPOINT", "http://127.0.0.1:9999/");
        assertThat(SpaceHosts.endpoint(Optional.of(URI.create("http://127.0.0.1:1234/")), env::get))
                .isEqualTo(URI.create("http://127.0.0.1:1234"));
        assertThat(SpaceHosts.endpoint(Optional.empty(), env::get)).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(SpaceHosts.endpoint(Optional.empty(), name -> null)).isEqualTo(URI.create("https://huggingface.co"));
        assertThatThrownBy(() -> SpaceHosts.endpoint(Optional.empty(), name -> "not a url"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HF_ENDPOINT");
    }

    @Test
    void theLookupUrlIsTheJsClientsHostRoute() {
        assertThat(SpaceHosts.hostLookup(URI.create("https://huggingface.co/"), "Qwen/Qwen2.5-72B_Instruct"))
                .isEqualTo(URI.create("https://huggingface.co/api/spaces/Qwen/Qwen2.5-72B_Instruct/host"));
        assertThatThrownBy(() -> SpaceHosts.hostLookup(URI.create("https://huggingface.co"), "a/b/c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostIsReadFromTheAnswer() {
        assertThat(SpaceHosts.parseHost("Qwen/Qwen3-Demo",
                "{\"subdomain\":\"qwen-qwen3-demo\",\"host\":\"https://qwen-qwen3-demo.hf.space/\"}"))
                .isEqualTo(URI.create("https://qwen-qwen3-demo.hf.space"));
    }

    @Test
    void aBadAnswerIsATypedError() {
        for (String body : new String[] {"<html>", "{}", "{\"host\":42}", "{\"host\":\"ftp://x\"}",
                "{\"host\":\"https://user:pw@x.hf.space\"}", "{\"host\":\"" + "a".repeat(70_000) + "\"}"}) {
            assertThatThrownBy(() -> SpaceHosts.parseHost("o/n", body)).isInstanceOf(UpstreamProtocolException.class)
                    .hasMessageContaining("Space o/n").hasMessageNotContaining("pw");
        }
    }

    @Test
    void lookupFailuresSayWhatToDo() {
        assertThat(SpaceHosts.lookupFailure("o/n", 404)).contains("not found, or it is private");
        assertThat(SpaceHosts.lookupFailure("o/n", 503)).contains("HTTP 503").contains("try again later");
    }

    @Test
    void otherReferencesAreUrlsDefaultingToHttps() {
        assertThat(SpaceHosts.appUrl(" http://127.0.0.1:7860/ ")).isEqualTo(URI.create("http://127.0.0.1:7860"));
        assertThat(SpaceHosts.appUrl("qwen-qwen3-demo.hf.space")).isEqualTo(URI.create("https://qwen-qwen3-demo.hf.space"));
        assertThat(SpaceHosts.appUrl("https://host/sub/app/")).isEqualTo(URI.create("https://host/sub/app"));
        assertThatThrownBy(() -> SpaceHosts.appUrl("ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpaceHosts.appUrl("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGuessFollowsTheDocumentedExample() {
        assertThat(SpaceHosts.guessedHost("NimaBoscarino/hotdog-gradio"))
                .isEqualTo(URI.create("https://nimaboscarino-hotdog-gradio.hf.space"));
    }
}
