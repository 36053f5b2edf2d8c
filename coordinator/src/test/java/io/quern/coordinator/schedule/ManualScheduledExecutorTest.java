package io.quern.coordinator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test executor itself: nothing runs until the test says so, and delayed work runs in due order. */
class ManualScheduledExecutorTest {
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final List<String> ran = new ArrayList<>();

    @Test
    void submittedWork_runsOnlyOnRunAll_includingWhatItSubmits() {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "done", executor)
                .thenApplyAsync(s -> s + "!", executor);
        assertThat(f).isNotDone();

        assertThat(executor.runAll()).isEqualTo(2);
        assertThat(f).isCompletedWithValue("done!");
    }

    @Test
    void delayedWork_runsWhenItsTimeComes_inDueOrder_withTheClockAtItsDueTime() {
        executor.schedule(() -> ran.add("b@" + executor.nanoTime()), 20, TimeUnit.NANOSECONDS);
        executor.schedule(() -> ran.add("a@" + executor.nanoTime()), 10, TimeUnit.NANOSECONDS);
        executor.schedule(() -> ran.add("c@" + executor.nanoTime()), 30, TimeUnit.NANOSECONDS);

        executor.advance(Duration.ofNanos(9));
        assertThat(ran).isEmpty();
        executor.advance(Duration.ofNanos(16));
        assertThat(ran).containsExactly("a@10", "b@20");
        assertThat(executor.nanoTime()).isEqualTo(25);
        assertThat(executor.clock().millis()).isEqualTo(executor.clock().instant().toEpochMilli());
    }

    @Test
    void periodicWork_repeatsUntilCancelled() {
        ScheduledFuture<?> tick = executor.scheduleAtFixedRate(() -> ran.add("tick"), 5, 10, TimeUnit.NANOSECONDS);

        executor.advance(Duration.ofNanos(25));
        assertThat(ran).hasSize(3);
        assertThat(tick.getDelay(TimeUnit.NANOSECONDS)).isEqualTo(10);

        tick.cancel(false);
        executor.advance(Duration.ofNanos(100));
        assertThat(ran).hasSize(3);
        assertThat(executor.pendingTimers()).isZero();
    }

    @Test
    void delayedWorkThatThrows_failsTheTest() {
        executor.schedule(() -> {
            throw new IllegalStateException("bug");
        }, 1, TimeUnit.NANOSECONDS);

        assertThatThrownBy(() -> executor.advance(Duration.ofNanos(1)))
                .isInstanceOf(AssertionError.class)
                .hasRootCauseMessage("bug");
    }
}
