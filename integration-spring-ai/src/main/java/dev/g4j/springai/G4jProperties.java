package dev.g4j.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The {@code g4j.*} properties of the Spring Boot auto-configuration. Every one is optional.
 *
 * @param model {@code g4j.model}: an alias such as {@code qwen-2.5}, or {@code Provider:model} to pin one provider;
 *              unset for the registry's default chain
 * @param baseUrl {@code g4j.base-url}: an endpoint that replaces one provider's own, such as a local simulator or
 *                mirror. As with the CLI's {@code --base-url}, it applies to exactly one provider (the pinned one,
 *                else the first of the chain for the model) and turns failover off
 * @param proxy {@code g4j.proxy}: an {@code http://}, {@code https://}, {@code socks4://} or {@code socks5://} proxy
 *              URL
 * @param timeout {@code g4j.timeout}: like the CLI's {@code --timeout}, the time allowed for a whole answer; the
 *                connect and idle timeouts are capped at it unless set on their own
 * @param connectTimeout {@code g4j.connect-timeout}: time allowed to open a connection (default 10 s)
 * @param idleTimeout {@code g4j.idle-timeout}: longest silence between two upstream events (default 120 s)
 * @param totalTimeout {@code g4j.total-timeout}: time allowed for a whole request, failover included (default
 *                     600 s)
 */
@ConfigurationProperties("g4j")
public record G4jProperties(String model, String baseUrl, String proxy, Duration timeout, Duration connectTimeout,
                            Duration idleTimeout, Duration totalTimeout) {
}
