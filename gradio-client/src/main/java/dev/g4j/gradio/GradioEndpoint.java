package dev.g4j.gradio;

import java.util.Objects;

/**
 * What {@code queue/join} needs to call one function: the {@code fn_index}, the optional {@code trigger_id}, the
 * route prefix and the protocol. Usually from {@link GradioConfig}; made by hand with {@link #of} when the config
 * cannot be read.
 *
 * @param fnIndex the dependency id
 * @param triggerId the component id of the firing event, or null to omit it
 * @param apiPrefix {@code ""} on Gradio 4, {@code "/gradio_api"} on Gradio 5 and 6
 * @param protocol the config's {@code protocol}; {@code "sse_v1"} means every generating message carries full values
 * @param dependency the dependency from the config, or null for a hand-made endpoint
 */
public record GradioEndpoint(int fnIndex, Integer triggerId, String apiPrefix, String protocol,
                             GradioDependency dependency) {
    /**
     * Normalises the prefix ({@code ""} or {@code "/x"}) and defaults the protocol to sse_v3.
     *
     * @param fnIndex the dependency id
     * @param triggerId the firing component's id, or null
     * @param apiPrefix the route prefix
     * @param protocol the config's protocol, or null for sse_v3
     * @param dependency the dependency, or null
     */
    public GradioEndpoint {
        apiPrefix = normalisePrefix(apiPrefix);
        protocol = protocol == null || protocol.isBlank() ? "sse_v3" : protocol;
    }

    /**
     * A hand-made endpoint for protocol sse_v3 (Gradio 4.22 and later).
     *
     * @param fnIndex the dependency id
     * @param triggerId the firing component's id, or null to omit it
     * @param apiPrefix {@code ""} on Gradio 4, {@code "/gradio_api"} on Gradio 5 and 6
     * @return the endpoint
     */
    public static GradioEndpoint of(int fnIndex, Integer triggerId, String apiPrefix) {
        return new GradioEndpoint(fnIndex, triggerId, apiPrefix, "sse_v3", null);
    }

    /**
     * Whether generating messages after the first carry edit lists (every protocol except sse_v1).
     *
     * @return true for sse_v2 and later
     */
    public boolean usesDiffs() {
        return !"sse_v1".equals(protocol);
    }

    /**
     * Whether the server ends a session's stream itself, with {@code close_stream}, once the session's last event
     * finished (sse_v3, Gradio 4.22 and later); before that the client has to close it.
     *
     * @return true for sse_v3 and later
     */
    public boolean closesStream() {
        return !protocol.equals("sse") && !protocol.startsWith("sse_v1") && !protocol.startsWith("sse_v2");
    }

    static String normalisePrefix(String p) {
        if (p == null || p.isBlank()) {
            return "";
        }
        String s = p.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() || s.startsWith("/") ? s : "/" + s;
    }

    @Override
    public String toString() {
        return "GradioEndpoint[fnIndex=" + fnIndex + ", triggerId=" + triggerId + ", apiPrefix='" + apiPrefix
                + "', protocol=" + protocol + (dependency == null ? "" : ", apiName=" + dependency.apiName()) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradioEndpoint e && e.fnIndex == fnIndex && Objects.equals(e.triggerId, triggerId)
                && e.apiPrefix.equals(apiPrefix) && e.protocol.equals(protocol);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fnIndex, triggerId, apiPrefix, protocol);
    }
}
