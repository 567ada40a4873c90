package dev.g4j.provider.openai.internal;

import dev.g4j.provider.api.ProviderOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;
import java.util.Map;

/** Builds the Vert.x request options shared by chat and discovery requests. */
final class Requests {
    static final String USER_AGENT = "g4j-openai/0.1";

    private Requests() {
    }

    static String base(Endpoint endpoint, ProviderOptions options) {
        return options.baseUrl().map(Object::toString).orElse(endpoint.baseUrl());
    }

    static RequestOptions of(HttpMethod method, String url, Endpoint endpoint, ProviderOptions options,
                             Credential credential, Duration connectTimeout, String accept) {
        RequestOptions ro = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setFollowRedirects(false).setConnectTimeout(Math.max(1, connectTimeout.toMillis()));
        options.proxy().ifPresent(p -> ro.setProxyOptions(Proxies.options(p)));
        ro.putHeader("accept", accept);
        ro.putHeader("user-agent", USER_AGENT);
        if (method == HttpMethod.POST) {
            ro.putHeader("content-type", "application/json");
        }
        for (Map.Entry<String, String> h : endpoint.headers().entrySet()) {
            ro.putHeader(h.getKey(), h.getValue());
        }
        if (credential.secret() != null) {
            ro.putHeader("authorization", "Bearer " + credential.secret().reveal());
        }
        return ro;
    }
}
