package io.quern.client.cli;

import io.quern.client.Mitigation;
import io.quern.client.TaskProgress;
import io.quern.common.job.KeyCount;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a job did about stragglers and skew, for the summary (readable) and for status (one fact per line). */
final class MitigationReport {
    private static final int SUMMARY_HOT_KEYS = 3;
    private static final int MAX_KEY_CHARS = 40;

    private MitigationReport() {}

    /** Readable lines for the end-of-job summary; nothing when nothing was done or seen. */
    static void summary(Mitigation m, PrintStream err) {
        if (m.backupsLaunched() > 0 || m.mapsSplit() > 0) {
            err.println("stragglers: " + m.backupsLaunched() + " backup attempts launched, " + m.backupsWon()
                    + " won; " + m.mapsSplit() + " straggling maps split into " + m.splitTasksAdded() + " new tasks");
        } else if (!m.speculation()) {
            err.println("stragglers: backup attempts disabled (--no-speculation)");
        }
        if (!m.reduceBytes().isEmpty() && m.reduceBytes().size() > 1) {
            long max = m.reduceBytes().stream().mapToLong(Long::longValue).max().orElse(0);
            String largest = m.largestPartitions().isEmpty() ? ""
                    : "; largest partition #" + m.largestPartitions().get(0).partition() + ": "
                    + Format.bytes(m.largestPartitions().get(0).bytes());
            err.println("skew: " + m.partitions() + " partitions dealt to " + m.reduceBytes().size()
                    + " reduce tasks: largest reduce input " + Format.bytes(max) + ", "
                    + String.format(Locale.ROOT, "%.2f", m.reduceImbalance()) + "x the mean" + largest);
        }
        if (!m.hotKeys().isEmpty() && m.mapOutputRecords() > 0) {
            err.println("hot keys (sampled): " + m.hotKeys().stream().limit(SUMMARY_HOT_KEYS)
                    .map(k -> shorten(k.key()) + " " + percent(k, m) + "%").collect(Collectors.joining(", ")));
        }
    }

    /** Status lines: {@code backups launched N won M}, {@code splits N new-tasks K}, and so on. */
    static void status(Mitigation m, Iterable<TaskProgress> running, PrintStream out) {
        out.println("speculation " + (m.speculation() ? "on" : "off"));
        out.println("skew-mitigation " + (m.skewMitigation() ? "on" : "off"));
        out.println("backups launched " + m.backupsLaunched() + " won " + m.backupsWon());
        out.println("splits " + m.mapsSplit() + " new-tasks " + m.splitTasksAdded());
        out.println("partitions " + m.partitions());
        if (!m.reduceBytes().isEmpty()) {
            out.println("reduce-bytes " + m.reduceBytes().stream().map(String::valueOf)
                    .collect(Collectors.joining(" ")));
        }
        for (Mitigation.PartitionSize p : m.largestPartitions()) {
            out.println("partition " + p.partition() + " " + p.bytes());
        }
        for (KeyCount k : m.hotKeys()) {
            out.println("hot-key " + k.count() + " " + k.key());
        }
        for (TaskProgress t : running) {
            out.println("running " + t.taskId() + " " + t.attempt() + " " + t.workerId() + " "
                    + (t.phase() == null ? "-" : t.phase()) + " " + Math.round(t.fraction() * 100) + "% "
                    + String.format(Locale.ROOT, "%.3f", t.rate()) + "/s left "
                    + (t.millisLeft() < 0 ? "?" : Format.seconds(t.millisLeft()).replace(" ", ""))
                    + (t.backup() ? " backup" : ""));
        }
    }

    private static String percent(KeyCount k, Mitigation m) {
        return String.format(Locale.ROOT, "%.1f", Math.min(100.0, 100.0 * k.count() / m.mapOutputRecords()));
    }

    private static String shorten(String key) {
        String oneLine = key.replace('\n', ' ').replace('\t', ' ');
        return oneLine.length() <= MAX_KEY_CHARS ? oneLine : oneLine.substring(0, MAX_KEY_CHARS) + "...";
    }
}
