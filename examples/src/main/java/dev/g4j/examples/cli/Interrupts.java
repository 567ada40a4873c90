package dev.g4j.examples.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C handling. While an answer is being written, SIGINT cancels it: the request is cancelled upstream and the
 * waiting thread is interrupted, so the one-shot command exits with 130 and the chat returns to its prompt. At any
 * other time SIGINT runs the {@code idle} action (the CLI exits with 130).
 *
 * <p>The handler is installed through {@code sun.misc.Signal}, looked up reflectively because it is not part of the
 * Java SE API. Where it is missing or refused (for example under {@code -Xrs}), a shutdown hook still cancels the
 * running request before the JVM exits, so the upstream is not left streaming to nobody.
 */
final class Interrupts {
    private final Object lock = new Object();
    private final Runnable idle;
    private Thread waiter;
    private Runnable cancel;
    private boolean fired;
    private boolean viaSignal;

    private Interrupts(Runnable idle) {
        this.idle = idle;
    }

    /** Installs the handler. {@code idle} runs on SIGINT when no answer is being written. */
    static Interrupts install(Runnable idle) {
        Interrupts interrupts = new Interrupts(idle);
        interrupts.viaSignal = interrupts.trapSigint();
        if (!interrupts.viaSignal) {
            Runtime.getRuntime().addShutdownHook(new Thread(interrupts::cancelCurrent, "g4j-cancel-on-exit"));
        }
        return interrupts;
    }

    /** Marks the start of an answer; {@code cancel} stops its request. Clears a stale interrupt of this thread. */
    void answering(Runnable cancel) {
        synchronized (lock) {
            this.waiter = Thread.currentThread();
            this.cancel = cancel;
            this.fired = false;
            Thread.interrupted();
        }
    }

    /** Marks the end of the answer; returns true when Ctrl-C cancelled it. Clears the interrupt it caused. */
    boolean done() {
        synchronized (lock) {
            boolean wasFired = fired;
            waiter = null;
            cancel = null;
            fired = false;
            Thread.interrupted();
            return wasFired;
        }
    }

    /** True while the current answer has been cancelled by Ctrl-C. */
    boolean fired() {
        synchronized (lock) {
            return fired;
        }
    }

    void onSigint() {
        synchronized (lock) {
            if (waiter != null) {
                fired = true;
                cancel.run();
                waiter.interrupt();
                return;
            }
        }
        idle.run();
    }

    private void cancelCurrent() {
        Runnable c;
        synchronized (lock) {
            c = cancel;
        }
        if (c != null) {
            c.run();
        }
    }

    private boolean trapSigint() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
            InvocationHandler onSignal = (Object proxy, Method method, Object[] args) -> {
                switch (method.getName()) {
                    case "handle" -> onSigint();
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "toString" -> {
                        return "g4j SIGINT handler";
                    }
                    default -> {
                    }
                }
                return null;
            };
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sigint, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
