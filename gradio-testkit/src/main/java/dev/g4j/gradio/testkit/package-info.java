/**
 * A local simulator of a Gradio app speaking the {@code sse_v3} queue protocol (Gradio 4.44.1, with a
 * Gradio 5 mode), for tests, demos and benchmarks. Start one with {@link
 * dev.g4j.gradio.testkit.GradioSimulator#builder()}; choose the app with {@link
 * dev.g4j.gradio.testkit.SimulatedApp} (the Qwen 2.5 Space, {@code gr.ChatInterface} apps of Gradio 4
 * and 5, the Qwen2-72B and Qwen3 Space shapes, or an app of your own described by an {@link
 * dev.g4j.gradio.testkit.AppSpec}), the generated tokens with {@link dev.g4j.gradio.testkit.ReplyFunction},
 * and misbehaviour with {@link dev.g4j.gradio.testkit.Fault}.
 */
package dev.g4j.gradio.testkit;
