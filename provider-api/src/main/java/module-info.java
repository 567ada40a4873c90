/**
 * The provider contract of g4j (JDK only): providers, provider factories, messages, options, chunks, results and
 * the typed exceptions.
 */
module dev.g4j.provider.api {
    exports dev.g4j.provider.api;
    exports dev.g4j.provider.api.flow;
}
