package dev.g4j.provider.tck;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.tck.ContractSubscriber.Completed;
import dev.g4j.provider.tck.ContractSubscriber.Failed;
import dev.g4j.provider.tck.ContractSubscriber.Next;
import dev.g4j.provider.tck.ContractSubscriber.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The provider TCK: JUnit 5 contract tests that every {@link AsyncGeneratorProvider} must pass. Extend this class in
 * a test of your provider's module and return the provider under test; every test below then runs against it.
 *
 * <pre>{@code
 * class EchoContractTest extends ProviderContract {
 *     @Override
 *     protected AsyncGeneratorProvider createProvider() {
 *         return new EchoProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>The tests check that the descriptive methods are consistent and do no I/O; that a result is cold and
 * single-use; that {@code request(1)} gives at most one chunk; that {@code cancel()} stops the emission; that a
 * stream ends with exactly one terminal signal and, when successful, with one {@link ResponseChunk.Finish} as its
 * last chunk; that every failure is typed (a {@link ProviderException}, or an {@link IllegalArgumentException}
 * thrown by {@code createAsyncGenerator} for bad input); that {@link AsyncResult#text()} equals the concatenated
 * {@link ResponseChunk.Text} deltas after {@link ResponseChunk.TextReplaced} folding; and that a model the provider
 * does not serve gives a {@link ModelNotFoundException}.
 *
 * <p>A provider that talks to a server should be pointed at a local one (a simulator) through {@link #options()},
 * and {@link #upstreamRequests()} should count what that server received, so that the "no I/O" and "cold" rules
 * are checked against the wire. Override the other hooks when the defaults do not fit. To leave a test out,
 * override it with {@code @Disabled("the reason")}.
 */
public abstract class ProviderContract {
    /** A model name that no provider is expected to serve. */
    protected static final String UNSERVED_MODEL = "g4j-tck-no-such-model-7f3a";

    private AsyncGeneratorProvider provider;

    /** Creates a contract test; a subclass adds the provider under test. */
    protected ProviderContract() {
    }

    /**
     * Makes the provider under test. Called before each test; the provider is closed after it.
     *
     * @return a new provider, as {@link java.util.ServiceLoader} or a host would make it
     */
    protected abstract AsyncGeneratorProvider createProvider();

    /**
     * The model to ask for.
     *
     * @return a model or alias the provider serves; null (the default) for its default model
     */
    protected String model() {
        return null;
    }

    /**
     * The conversation to send. Its answer should take a few chunks, so that demand and cancellation are observable.
     *
     * @return a conversation the provider answers successfully
     */
    protected Messages messages() {
        return Messages.ofUser("Count from one to ten in words, separated by spaces.");
    }

    /**
     * The options of every request: point the provider at a local server here ({@code baseUrl}) and keep the
     * timeouts short.
     *
     * @return the options; the default is {@link ProviderOptions#defaults()}
     */
    protected ProviderOptions options() {
        return ProviderOptions.defaults();
    }

    /**
     * The longest wait for any one signal.
     *
     * @return a positive duration; the default is 30 seconds
     */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * How long a test watches for a signal that must not come (a chunk beyond the demand, a signal after cancel or
     * after the end). A longer period catches a slower offender.
     *
     * @return a positive duration; the default is 200 milliseconds
     */
    protected Duration quietPeriod() {
        return Duration.ofMillis(200);
    }

    /**
     * How many requests the upstream (a local server, a simulator) has received so far, so that the tests can check
     * that describing the provider and creating a result send nothing.
     *
     * @return the count, or -1 (the default) when the test cannot tell
     */
    protected long upstreamRequests() {
        return -1;
    }

    /**
     * Whether two requests with the same input get the same answer (true for a simulator). When false, the check
     * that {@link AsyncResult#text()} equals the folded deltas compares two different answers and is skipped.
     *
     * @return true by default
     */
    protected boolean deterministicAnswers() {
        return true;
    }

    /**
     * The provider under test of the current test.
     *
     * @return the provider made by {@link #createProvider()}
     */
    protected final AsyncGeneratorProvider provider() {
        return provider;
    }

    /** Makes the provider under test. */
    @BeforeEach
    void openProvider() {
        provider = createProvider();
        assertNotNull(provider, "createProvider() returned null");
    }

    /** Closes the provider under test. */
    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    /**
     * The descriptive methods answer consistently: a non-blank name without white space, a label, an absolute URL,
     * a listed default model, alias targets that are listed models, and the same answers when asked twice.
     */
    @Test
    public void descriptiveMethodsAreConsistent() {
        AsyncGeneratorProvider p = provider();
        String name = p.name();
        assertNotNull(name, "name() is null");
        assertFalse(name.isBlank(), "name() is blank");
        assertFalse(name.chars().anyMatch(Character::isWhitespace),
                "name() '" + name + "' holds white space; it is used in 'Provider:model' and must be one token");
        assertFalse(name.contains(":"), "name() '" + name + "' holds ':', which separates the provider in 'Provider:model'");
        assertNotNull(p.label(), "label() is null");
        assertFalse(p.label().isBlank(), "label() is blank");
        assertNotNull(p.url(), "url() is null");
        try {
            assertTrue(new URI(p.url()).isAbsolute(), "url() '" + p.url() + "' is not an absolute URL");
        } catch (URISyntaxException e) {
            fail("url() '" + p.url() + "' is not a URL: " + e.getMessage());
        }
        assertNotNull(p.supportedParameters(), "supportedParameters() is null");
        assertEquals(name, p.name(), "name() changed between two calls");
        assertEquals(p.supportsStream(), p.supportsStream(), "supportsStream() changed between two calls");
        if (p instanceof ProviderModelMixin) {
            checkModels((ProviderModelMixin) p);
        }
    }

    private static void checkModels(ProviderModelMixin m) {
        List<String> models = m.models();
        assertNotNull(models, "models() is null");
        assertFalse(models.isEmpty(), "models() is empty: list at least the default model");
        assertEquals(models.size(), new HashSet<>(models).size(), "models() lists a name twice: " + models);
        for (String model : models) {
            assertNotNull(model, "models() holds null");
            assertFalse(model.isBlank(), "models() holds a blank name");
        }
        String defaultModel = m.defaultModel();
        assertNotNull(defaultModel, "defaultModel() is null");
        assertTrue(models.contains(defaultModel), "defaultModel() '" + defaultModel + "' is not in models() " + models);
        assertEquals(defaultModel, m.getModel(null), "getModel(null) must give the default model");
        Map<String, String> aliases = m.modelAliases();
        assertNotNull(aliases, "modelAliases() is null");
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (!m.acceptsUnlistedModels()) {
                assertTrue(models.contains(alias.getValue()), "alias '" + alias.getKey() + "' points to '" + alias.getValue()
                        + "', which is not in models() " + models);
            }
            assertEquals(alias.getValue(), m.getModel(alias.getKey()), "getModel(alias) must give the alias's target");
        }
        for (String model : models) {
            assertEquals(model, m.getModel(model), "getModel(model) must give the model itself");
        }
        assertEquals(models, m.models(), "models() changed between two calls");
        assertEquals(aliases, m.modelAliases(), "modelAliases() changed between two calls");
    }

    /**
     * Describing the provider sends nothing upstream (checked when {@link #upstreamRequests()} can tell).
     */
    @Test
    public void descriptiveMethodsDoNoIo() {
        long before = upstreamRequests();
        AsyncGeneratorProvider p = provider();
        p.name();
        p.label();
        p.url();
        p.working();
        p.needsAuth();
        p.supportsStream();
        p.supportsSystemMessage();
        p.supportsMessageHistory();
        p.supportedParameters();
        if (p instanceof ProviderModelMixin) {
            ProviderModelMixin m = (ProviderModelMixin) p;
            m.models();
            m.defaultModel();
            m.modelAliases();
            m.getModel(null);
        }
        assertEquals(before, upstreamRequests(),
                "the upstream received a request while the provider was only described: descriptive methods must not do I/O");
    }

    /**
     * A result is cold: creating it sends nothing upstream (checked when {@link #upstreamRequests()} can tell), and
     * nothing reaches its subscriber before it requests.
     */
    @Test
    public void resultIsCold() {
        long before = upstreamRequests();
        AsyncResult result = create();
        assertEquals(before, upstreamRequests(),
                "the upstream received a request before anything subscribed: start the work in subscribe(), not in"
                        + " createAsyncGenerator");
        ContractSubscriber subscriber = new ContractSubscriber();
        result.subscribe(subscriber);
        subscriber.awaitSubscription(timeout());
        assertQuiet(subscriber, "a signal arrived before any request(n)");
        subscriber.cancel();
    }

    /** A second subscriber to the same result gets {@code onSubscribe}, then {@code onError(IllegalStateException)}. */
    @Test
    public void resultIsSingleUse() {
        AsyncResult result = create();
        ContractSubscriber first = new ContractSubscriber();
        result.subscribe(first);
        first.awaitSubscription(timeout());
        ContractSubscriber second = new ContractSubscriber(true);
        result.subscribe(second);
        second.awaitSubscription(timeout());
        second.request(Long.MAX_VALUE);
        Signal signal = second.next(timeout(), "onError(IllegalStateException) for the second subscriber");
        assertInstanceOf(Failed.class, signal, "the second subscriber must be rejected, got " + signal);
        assertInstanceOf(IllegalStateException.class, ((Failed) signal).error(),
                "the second subscriber must get an IllegalStateException");
        assertNoViolations(second);
        first.cancel();
        assertNoViolations(first);
    }

    /**
     * {@code request(1)} gives at most one chunk until more is requested, and the stream can be read to its end one
     * chunk at a time.
     */
    @Test
    public void requestOneGivesAtMostOneChunk() {
        ContractSubscriber subscriber = subscribe();
        subscriber.request(1);
        Signal first = subscriber.next(timeout(), "the first chunk after request(1)");
        assertInstanceOf(Next.class, first, "the first signal of a successful stream must be a chunk, got " + first);
        assertQuiet(subscriber, "a second signal arrived after request(1) without more demand");
        Signal end = subscriber.drainOneByOne(timeout());
        assertNoViolations(subscriber);
        assertInstanceOf(Completed.class, end, "the stream read one chunk at a time must complete, got " + end);
        assertFinishLast(subscriber.chunks());
    }

    /** After {@code cancel()} nothing more arrives, however much is requested afterwards. */
    @Test
    public void cancelStopsEmission() {
        ContractSubscriber subscriber = subscribe();
        subscriber.request(1);
        subscriber.next(timeout(), "the first chunk after request(1)");
        subscriber.cancel();
        subscriber.request(16);
        assertQuiet(subscriber, "a signal arrived after cancel()");
    }

    /** A subscriber that cancels before requesting receives nothing at all. */
    @Test
    public void cancelBeforeRequestGivesNothing() {
        ContractSubscriber subscriber = subscribe();
        subscriber.cancel();
        subscriber.request(16);
        assertQuiet(subscriber, "a signal arrived after cancel()");
    }

    /**
     * A successful stream ends with exactly one {@code onComplete}, its last chunk is its only
     * {@link ResponseChunk.Finish}, and nothing follows.
     */
    @Test
    public void successfulStreamEndsWithFinishAndOneTerminalSignal() {
        ContractSubscriber subscriber = subscribe();
        Signal end = subscriber.drainAll(timeout());
        assertInstanceOf(Completed.class, end, "the stream must complete, got " + end);
        assertQuiet(subscriber, "a signal arrived after the terminal signal");
        assertFinishLast(subscriber.chunks());
    }

    /**
     * {@link AsyncResult#text()} gives the concatenated {@link ResponseChunk.Text} deltas after
     * {@link ResponseChunk.TextReplaced} folding, and leaves {@link ResponseChunk.Reasoning} out.
     */
    @Test
    public void textEqualsFoldedDeltas() {
        ContractSubscriber subscriber = subscribe();
        Signal end = subscriber.drainAll(timeout());
        assertInstanceOf(Completed.class, end, "the stream must complete, got " + end);
        assertNoViolations(subscriber);
        String folded = fold(subscriber.chunks());
        String text = awaitText(create());
        if (deterministicAnswers()) {
            assertEquals(folded, text, "text() must equal the Text deltas after TextReplaced folding");
        }
    }

    /**
     * A model the provider does not serve is a {@link ModelNotFoundException}, thrown by
     * {@code createAsyncGenerator} or, at the latest, as the stream's error before any answer text. Skipped for a
     * provider that {@linkplain ProviderModelMixin#acceptsUnlistedModels() accepts unlisted models}.
     */
    @Test
    public void unservedModelIsModelNotFound() {
        Assumptions.assumeFalse(provider() instanceof ProviderModelMixin && ((ProviderModelMixin) provider()).acceptsUnlistedModels(),
                "the provider accepts unlisted models");
        AsyncResult result;
        try {
            result = provider().createAsyncGenerator(UNSERVED_MODEL, messages(), options());
        } catch (ModelNotFoundException expected) {
            assertMessage(expected);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("an unserved model must give a ModelNotFoundException, got " + e, e);
        }
        assertNotNull(result, "createAsyncGenerator returned null");
        ContractSubscriber subscriber = new ContractSubscriber();
        result.subscribe(subscriber);
        subscriber.awaitSubscription(timeout());
        Signal end = subscriber.drainAll(timeout());
        assertInstanceOf(Failed.class, end, "an unserved model must fail the request, got " + end);
        assertInstanceOf(ModelNotFoundException.class, ((Failed) end).error(),
                "an unserved model must give a ModelNotFoundException");
        assertFalse(subscriber.chunks().stream().anyMatch(c -> c instanceof ResponseChunk.Text),
                "answer text arrived for a model the provider does not serve");
        assertNoViolations(subscriber);
    }

    /**
     * Null messages are refused by {@code createAsyncGenerator} itself, with an {@link IllegalArgumentException} (or
     * a {@link NullPointerException}), not accepted and failed later.
     */
    @Test
    public void nullMessagesAreRefusedAtCreate() {
        try {
            provider().createAsyncGenerator(model(), null, options());
        } catch (IllegalArgumentException | NullPointerException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("null messages must give an IllegalArgumentException from createAsyncGenerator, got " + e, e);
        }
        fail("createAsyncGenerator accepted null messages; throw an IllegalArgumentException");
    }

    /**
     * A conversation without a user message is either refused at create with an {@link IllegalArgumentException} or
     * answered; if the stream fails, its error is a {@link ProviderException}.
     */
    @Test
    public void conversationWithoutUserMessageFailsTyped() {
        AsyncResult result;
        try {
            result = provider().createAsyncGenerator(model(), Messages.of(Message.system("Answer briefly.")), options());
        } catch (IllegalArgumentException | ProviderException expected) {
            assertMessage(expected);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("bad input must give an IllegalArgumentException from createAsyncGenerator, got " + e, e);
        }
        assertNotNull(result, "createAsyncGenerator returned null");
        ContractSubscriber subscriber = new ContractSubscriber();
        result.subscribe(subscriber);
        subscriber.awaitSubscription(timeout());
        subscriber.drainAll(timeout());
        assertNoViolations(subscriber);
    }

    /**
     * Subscribes a fresh result of {@link #model()}, {@link #messages()} and {@link #options()}.
     *
     * @return the subscriber, subscribed, without demand yet
     */
    private ContractSubscriber subscribe() {
        ContractSubscriber subscriber = new ContractSubscriber();
        create().subscribe(subscriber);
        subscriber.awaitSubscription(timeout());
        return subscriber;
    }

    private AsyncResult create() {
        AsyncResult result = provider().createAsyncGenerator(model(), messages(), options());
        assertNotNull(result, "createAsyncGenerator returned null");
        return result;
    }

    private String awaitText(AsyncResult result) {
        try {
            String text = result.text().get(timeout().toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(text, "text() completed with null");
            return text;
        } catch (ExecutionException e) {
            throw new AssertionError("text() failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("text() did not complete within " + timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String fold(List<ResponseChunk> chunks) {
        StringBuilder answer = new StringBuilder();
        for (ResponseChunk chunk : chunks) {
            if (chunk instanceof ResponseChunk.Text) {
                answer.append(((ResponseChunk.Text) chunk).text());
            } else if (chunk instanceof ResponseChunk.TextReplaced) {
                answer.setLength(0);
                answer.append(((ResponseChunk.TextReplaced) chunk).text());
            }
        }
        return answer.toString();
    }

    private static void assertFinishLast(List<ResponseChunk> chunks) {
        assertFalse(chunks.isEmpty(), "a successful stream must end with a Finish chunk, but it had no chunk at all");
        ResponseChunk last = chunks.get(chunks.size() - 1);
        assertInstanceOf(ResponseChunk.Finish.class, last, "the last chunk of a successful stream must be Finish, got " + last);
        long finishes = chunks.stream().filter(c -> c instanceof ResponseChunk.Finish).count();
        assertEquals(1, finishes, "a stream must carry exactly one Finish, got " + finishes + ": " + chunks);
    }

    private static void assertMessage(Throwable error) {
        assertNotNull(error.getMessage(), error.getClass().getSimpleName() + " has no message: say what happened and what to do");
        assertFalse(Objects.requireNonNull(error.getMessage()).isBlank(), error.getClass().getSimpleName() + " has a blank message");
    }

    /** Watches for {@link #quietPeriod()}: nothing may arrive, and no rule may have been broken. */
    private void assertQuiet(ContractSubscriber subscriber, String message) {
        Signal unexpected = subscriber.poll(quietPeriod());
        assertNoViolations(subscriber);
        assertNull(unexpected, message + ": " + unexpected);
    }

    private static void assertNoViolations(ContractSubscriber subscriber) {
        List<String> violations = subscriber.violations();
        if (!violations.isEmpty()) {
            fail("the stream broke the contract:\n  " + String.join("\n  ", violations) + "\nsignals: " + subscriber.history());
        }
    }
}
