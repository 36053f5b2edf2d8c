package io.quern.common.lifecycle;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one lifecycle of every long-lived component: NEW, then {@link #start} once (compare-and-set),
 * then {@link #close} any number of times. Thread-safe.
 */
public final class Lifecycle {
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private final String name;
    private final AtomicInteger state = new AtomicInteger(NEW);

    public Lifecycle(String name) {
        this.name = name;
    }

    /** Moves NEW to RUNNING; throws if started twice or after close. */
    public void start() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException(name + " already " + (state.get() == RUNNING ? "started" : "closed"));
        }
    }

    /** Moves to CLOSED; true only for the first call, which should then release resources. */
    public boolean close() {
        return state.getAndSet(CLOSED) != CLOSED;
    }

    public boolean isRunning() {
        return state.get() == RUNNING;
    }
}
