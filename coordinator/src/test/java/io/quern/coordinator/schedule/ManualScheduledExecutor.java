package io.quern.coordinator.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A serial {@link ScheduledExecutorService} that runs nothing by itself: the test runs what is
 * queued with {@link #runAll()} and moves its nanosecond clock with {@link #advance(Duration)}, which
 * runs delayed tasks in due order as their time comes. Confined to the test thread.
 */
final class ManualScheduledExecutor extends AbstractExecutorService implements ScheduledExecutorService {
    private static final int MAX_STEPS = 1_000_000;
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer<?>> timers = new PriorityQueue<>();
    private long nanos;
    private long sequence;
    private boolean shutdown;

    long nanoTime() {
        return nanos;
    }

    /** Wall time that moves with {@link #advance}. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return EPOCH.plusNanos(nanos);
            }
        };
    }

    /** Runs queued tasks, and whatever they queue, until nothing is ready. Returns how many ran. */
    int runAll() {
        int ran = 0;
        Runnable r;
        while ((r = ready.poll()) != null) {
            if (++ran > MAX_STEPS) {
                throw new IllegalStateException("runAll: more than " + MAX_STEPS + " tasks, probably a loop");
            }
            r.run();
        }
        return ran;
    }

    /** Moves the clock forward, running every task that falls due on the way, in due order. */
    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("cannot go back in time: " + by);
        }
        long target = nanos + by.toNanos();
        runAll();
        Timer<?> next;
        while ((next = timers.peek()) != null && next.due <= target) {
            timers.poll();
            if (next.isCancelled()) {
                continue;
            }
            nanos = Math.max(nanos, next.due);
            next.run();
            next.rethrowFailure();
            runAll();
        }
        nanos = target;
    }

    /** Delayed tasks that are neither cancelled nor done (periodic ones count until cancelled). */
    int pendingTimers() {
        int n = 0;
        for (Timer<?> t : timers) {
            n += t.isCancelled() ? 0 : 1;
        }
        return n;
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        ready.add(command);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Timer<>(Executors.callable(command, null), unit.toNanos(delay), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Timer<>(callable, unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Timer<>(Executors.callable(command, null), unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    private <V> Timer<V> add(Timer<V> t) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        timers.add(t);
        return t;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(ready);
        ready.clear();
        timers.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && ready.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Timer<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long period;
        private final long order = sequence++;
        private long due;

        Timer(Callable<V> task, long delay, long period) {
            super(task);
            this.due = nanos + Math.max(0, delay);
            this.period = period;
        }

        @Override
        public void run() {
            if (period == 0) {
                super.run();
            } else if (runAndReset()) {
                due += period;
                timers.add(this);
            }
        }

        /** A delayed task that threw would otherwise fail silently, as in a real executor. */
        void rethrowFailure() {
            if (isDone() && !isCancelled()) {
                try {
                    get();
                } catch (ExecutionException e) {
                    throw new AssertionError("delayed task failed", e.getCause());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Timer<?> t) {
                int c = Long.compare(due, t.due);
                return c != 0 ? c : Long.compare(order, t.order);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
