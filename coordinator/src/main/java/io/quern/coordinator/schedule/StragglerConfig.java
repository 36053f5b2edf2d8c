package io.quern.coordinator.schedule;

import java.time.Duration;

/**
 * The knobs of straggler and skew handling (see {@link Stragglers}).
 *
 * @param speculativeCap share of all slots that backup attempts may hold at once (at least one)
 * @param minRuntime an attempt's rate is trusted only after it ran this long
 * @param slowTaskFactor a task is a straggler when its throughput is below this share of its phase's mean
 * @param slowNodeFactor no backup goes to a worker slower than this share of the median worker
 * @param backupGain a backup starts only when the original's time left exceeds the backup's
 *     expected time by this factor
 * @param minSplitBytes a map hands over its rest only when at least two pieces of this size remain
 * @param minSplitTimeLeft ... and when it still has at least this long to run
 * @param stopGrace a map asked to stop that has not ended after this long may get a backup instead
 * @param checkInterval stragglers are looked for at most this often: a look costs a pass over the
 *     running attempts, and their estimates move only with heartbeats (every 500 ms)
 */
public record StragglerConfig(double speculativeCap, Duration minRuntime, double slowTaskFactor,
                              double slowNodeFactor, double backupGain, long minSplitBytes,
                              Duration minSplitTimeLeft, Duration stopGrace, Duration checkInterval) {
    public StragglerConfig {
        if (speculativeCap < 0 || speculativeCap > 1) {
            throw new IllegalArgumentException("speculativeCap must be within 0..1");
        }
        if (backupGain < 1 || minSplitBytes < 1) {
            throw new IllegalArgumentException("backupGain must be >= 1 and minSplitBytes positive");
        }
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative");
        }
    }

    public static StragglerConfig defaults() {
        return new StragglerConfig(0.1, Duration.ofSeconds(1), 0.8, 0.7, 1.2, 1L << 20, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofMillis(100));
    }
}
