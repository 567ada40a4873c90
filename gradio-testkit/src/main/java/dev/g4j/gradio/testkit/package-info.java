/**
 * A local simulator of a Gradio Space speaking the {@code sse_v3} queue protocol (Gradio 4.44.1, with
 * a Gradio 5 mode), for tests, demos and benchmarks. Start one with {@link
 * dev.g4j.gradio.testkit.GradioSimulator#builder()}; choose the app with {@link
 * dev.g4j.gradio.testkit.SimulatedApp}, the generated tokens with {@link
 * dev.g4j.gradio.testkit.ReplyFunction}, and misbehaviour with {@link dev.g4j.gradio.testkit.Fault}.
 */
package dev.g4j.gradio.testkit;
