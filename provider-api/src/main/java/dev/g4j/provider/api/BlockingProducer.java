package dev.g4j.provider.api;

/**
 * A provider's answer written as a plain loop, run on an executor by
 * {@link AsyncResult#fromBlocking(java.util.concurrent.Executor, BlockingProducer)}. Returning normally completes
 * the answer (with {@code Finish("stop")} unless a {@code Finish} was emitted); throwing fails it.
 */
@FunctionalInterface
public interface BlockingProducer {

    /**
     * Produces the answer.
     *
     * @param sink where the chunks go; {@code emit} blocks until the subscriber wants them
     * @throws Exception any failure, passed to the subscriber (a {@link ProviderException} as it is, an
     *         {@link InterruptedException} after a cancel is not reported)
     */
    void produce(BlockingChunkSink sink) throws Exception;
}
