package dev.g4j.provider.registry;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Where providers loaded from run-time jars report what happened to them (visible through the parent loader). */
public final class TestEvents {
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    private TestEvents() {
    }
}
