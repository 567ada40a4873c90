/**
 * The Qwen 2.5 provider: {@link dev.g4j.provider.qwen25.Qwen25Provider} talks to the Gradio Space
 * {@code https://qwen-qwen2-5.hf.space}, described as a {@link dev.g4j.provider.gradiochat.GradioChatSpec}.
 */
package dev.g4j.provider.qwen25;
