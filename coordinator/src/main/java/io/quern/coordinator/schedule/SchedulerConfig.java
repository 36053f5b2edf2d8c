package io.quern.coordinator.schedule;

import java.time.Duration;

/**
 * The scheduler's knobs.
 *
 * @param retryBackoff first retry delay of a failed task; doubles per failure, with jitter
 * @param maxRetryBackoff cap of the retry delay
 * @param progressInterval how often watchers of a running job get a fresh snapshot
 * @param maxEvents notable events kept per job
 * @param taskTimeout an attempt that reports no progress for this long is abandoned as hung
 *     (a job may set its own with {@code --conf quern.task.timeout=DURATION})
 * @param hangCheckInterval how often attempts are checked for hangs
 * @param workerSilence a worker not heard from (heartbeats) for this long gets no new tasks
 * @param stragglers backup attempts, map splitting and their thresholds
 */
public record SchedulerConfig(Duration retryBackoff, Duration maxRetryBackoff, Duration progressInterval,
                              int maxEvents, Duration taskTimeout, Duration hangCheckInterval,
                              Duration workerSilence, StragglerConfig stragglers) {
    public SchedulerConfig {
        if (retryBackoff.isNegative() || maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("bad retry back-off " + retryBackoff + ".." + maxRetryBackoff);
        }
        if (progressInterval.isZero() || progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must be positive");
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive");
        }
        if (taskTimeout.isZero() || taskTimeout.isNegative() || hangCheckInterval.isZero()
                || hangCheckInterval.isNegative()) {
            throw new IllegalArgumentException("task timeout and hang check interval must be positive");
        }
    }

    public SchedulerConfig(Duration retryBackoff, Duration maxRetryBackoff, Duration progressInterval, int maxEvents,
                           Duration taskTimeout, Duration hangCheckInterval, Duration workerSilence) {
        this(retryBackoff, maxRetryBackoff, progressInterval, maxEvents, taskTimeout, hangCheckInterval,
                workerSilence, StragglerConfig.defaults());
    }

    public static SchedulerConfig defaults() {
        return new SchedulerConfig(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMillis(250), 200,
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
}
