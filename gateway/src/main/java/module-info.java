/**
 * An OpenAI-compatible HTTP gateway over a provider registry: {@link dev.g4j.gateway.G4jGateway}.
 */
module dev.g4j.gateway {
    requires transitive dev.g4j.provider.api;
    requires transitive dev.g4j.provider.registry;
    requires io.vertx.core;
    requires io.vertx.web;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.g4j.gateway;
}
