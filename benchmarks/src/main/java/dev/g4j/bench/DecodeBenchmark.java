package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The client's decode path on a recorded Qwen-style stream (byte-exact Gradio 4.44.1 messages: one full
 * {@code process_generating}, then one {@code append} diff per token, then {@code process_completed}), fed in 16 KiB
 * chunks like socket reads. One operation decodes one whole reply of {@code tokens} tokens; the auxiliary counters
 * turn that into {@code events} (SSE messages) per second and {@code bytes} per second. The methods run the stages
 * of {@link DecodePipeline}. Single-threaded: the
 * figures are per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DecodeBenchmark {
    /** Bytes per {@code feed} call. */
    static final int CHUNK = 16 * 1024;

    /** Reply length in tokens. */
    @Param({"1000", "10000", "100000"})
    public int tokens;

    private byte[] body;
    private long events;

    /** Renders the stream once per trial. */
    @Setup(Level.Trial)
    public void render() {
        ReplayScript script = ReplayScript.qwen(tokens, false);
        body = script.bytes();
        events = script.messages();
    }

    /** Events and bytes decoded, reported by JMH as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** SSE messages decoded. */
        public long events;
        /** Stream bytes decoded. */
        public long bytes;
    }

    private long run(DecodePipeline.Stage stage, Rates rates) {
        long n = DecodePipeline.decode(body, CHUNK, stage, null);
        if (n != events) {
            throw new IllegalStateException("decoded " + n + " events, expected " + events);
        }
        rates.events += n;
        rates.bytes += body.length;
        return n;
    }

    /** SSE framing only. */
    @Benchmark
    public long sse(Rates rates) {
        return run(DecodePipeline.Stage.SSE, rates);
    }

    /** SSE framing and JSON trees (the former client's reading, a reference). */
    @Benchmark
    public long sseJson(Rates rates) {
        return run(DecodePipeline.Stage.JSON, rates);
    }

    /** The gradio-client's whole decode path through {@code GradioStreamDecoder}: SSE, messages, diffs, events. */
    @Benchmark
    public long sseJsonDiff(Rates rates) {
        return run(DecodePipeline.Stage.DIFF, rates);
    }

    /** Everything above plus the Qwen provider's text delta extraction. */
    @Benchmark
    public long sseJsonDiffExtract(Rates rates) {
        return run(DecodePipeline.Stage.EXTRACT, rates);
    }
}
