package io.quern.client;

import io.quern.common.job.KeyCount;
import java.util.List;

/**
 * What a job did about stragglers and skew.
 *
 * @param speculation backup attempts were enabled
 * @param skewMitigation map splitting and partition balancing were enabled
 * @param backupsWon backups that committed (their original was killed)
 * @param mapsSplit straggling maps that handed the unread rest of their split to new tasks
 * @param splitTasksAdded the map tasks made from those rests
 * @param partitions partitions the maps wrote (the reducers times the partition factor)
 * @param reduceBytes input bytes of each reduce task once the partitions were dealt (else empty)
 * @param largestPartitions the largest partitions, largest first
 * @param hotKeys the heaviest map output keys of a sample, heaviest first (estimated counts)
 * @param mapOutputRecords records the committed maps emitted
 */
public record Mitigation(boolean speculation, boolean skewMitigation, int backupsLaunched, int backupsWon,
                         int mapsSplit, int splitTasksAdded, int partitions, List<Long> reduceBytes,
                         List<PartitionSize> largestPartitions, List<KeyCount> hotKeys, long mapOutputRecords) {

    public record PartitionSize(int partition, long bytes) {}

    /** The largest reduce input over the mean (1 = perfectly even); 1 when unknown. */
    public double reduceImbalance() {
        long max = 0;
        long total = 0;
        for (long b : reduceBytes) {
            max = Math.max(max, b);
            total += b;
        }
        return total == 0 ? 1 : (double) max * reduceBytes.size() / total;
    }
}
