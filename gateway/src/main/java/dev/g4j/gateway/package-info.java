/**
 * The OpenAI-compatible gateway: {@link dev.g4j.gateway.G4jGateway} serves a provider registry over HTTP with
 * OpenAI's chat completions and models endpoints.
 */
package dev.g4j.gateway;
