package io.quern.common.job;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Engine settings a job may carry in its {@code --conf} (the {@code quern.} keys), each parsed here,
 * beside its meaning, and validated at submit so that a bad value is exit 2, not a task failure.
 */
public final class EngineConf {
    private EngineConf() {}

    /** An attempt silent (no progress) for this long is abandoned as hung and retried. */
    public static final String TASK_TIMEOUT = "quern.task.timeout";

    /** The job's task timeout, or {@code dflt}. @throws IllegalArgumentException naming the key */
    public static Duration taskTimeout(Map<String, String> conf, Duration dflt) {
        String v = conf.get(TASK_TIMEOUT);
        if (v == null) {
            return dflt;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TASK_TIMEOUT + ": " + e.getMessage());
        }
    }

    /**
     * {@code true|false}, default true: backup (speculative) attempts of straggling tasks
     * ({@code --no-speculation} sets it false).
     */
    public static final String SPECULATION = "quern.speculation";

    /**
     * {@code true|false}, default true: a straggling map hands the unread rest of its split to new
     * tasks ({@code --no-skew-mitigation} sets it false).
     */
    public static final String SPLIT_STRAGGLERS = "quern.skew.split";

    /**
     * {@code true|false}, default true: ranges smaller than the split size (small files, tails of cut
     * files) share map splits of up to the split size. False gives every file, and every piece of a
     * cut file, a map task of its own.
     */
    public static final String PACK_SPLITS = "quern.split.pack";

    /**
     * {@code true|false}, default true: with a combiner, a map folds each pair into the buffered
     * record of its key as it is emitted; false sorts every pair and combines only at spill (as
     * engines without folding do), for comparison and for tests that need a slow map.
     */
    public static final String FOLD = "quern.map.fold";

    /**
     * {@code true|false}, default true: built-in jobs run their tasks on bytes where a kernel matches
     * them exactly (word count's maps count words without a {@code String} each; the summing reduces
     * of word count, grep and logstats add encoded values); false runs them through the general
     * mapper and reducer path, with the same output, for comparison.
     */
    public static final String KERNELS = "quern.kernels";

    /**
     * Partitions the maps write per reducer, 1..64, default 4; the coordinator balances them over the
     * reduce tasks by size ({@code --no-skew-mitigation} sets it to 1). Ignored, as 1, with a user
     * {@code Partitioner}: the user's partitioning is kept exactly.
     */
    public static final String PARTITION_FACTOR = "quern.partition.factor";
    public static final int DEFAULT_PARTITION_FACTOR = 4;
    private static final int MAX_PARTITION_FACTOR = 64;

    /**
     * {@code none|lz4|zstd}: how map output spills, the map output file and what the shuffle transfers
     * are compressed, in blocks (see the worker's sort package for the format).
     */
    public static final String COMPRESS = "quern.intermediate.compress";
    /** The codec of jobs that do not set {@link #COMPRESS}. */
    public static final Compression DEFAULT_COMPRESSION = Compression.LZ4;

    /** The job's intermediate compression. @throws IllegalArgumentException naming the key and the value */
    public static Compression compression(Map<String, String> conf) {
        String v = conf.get(COMPRESS);
        if (v == null) {
            return DEFAULT_COMPRESSION;
        }
        Compression c = Compression.ofConfName(v);
        if (c == null) {
            throw new IllegalArgumentException(COMPRESS + ": '" + v + "' is not none, lz4 or zstd");
        }
        return c;
    }

    public static boolean speculation(Map<String, String> conf) {
        return bool(conf, SPECULATION);
    }

    public static boolean splitStragglers(Map<String, String> conf) {
        return bool(conf, SPLIT_STRAGGLERS);
    }

    public static boolean packSplits(Map<String, String> conf) {
        return bool(conf, PACK_SPLITS);
    }

    public static boolean fold(Map<String, String> conf) {
        return bool(conf, FOLD);
    }

    public static boolean kernels(Map<String, String> conf) {
        return bool(conf, KERNELS);
    }

    /**
     * The partitions a job's maps write: reducers times the partition factor; just the reducers with a
     * user partitioner or a total order (partition p must then be reduce p); none for a map-only job.
     */
    public static int partitions(JobSpec job) {
        return job.partitioner() != null || job.splitPoints() != null ? job.reducers()
                : job.reducers() * partitionFactor(job.conf());
    }

    static int partitionFactor(Map<String, String> conf) {
        String v = conf.get(PARTITION_FACTOR);
        if (v == null) {
            return DEFAULT_PARTITION_FACTOR;
        }
        try {
            int f = Integer.parseInt(v.trim());
            if (f >= 1 && f <= MAX_PARTITION_FACTOR) {
                return f;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(PARTITION_FACTOR + ": '" + v + "' is not a whole number from 1 to "
                + MAX_PARTITION_FACTOR);
    }

    private static boolean bool(Map<String, String> conf, String key) {
        String v = conf.get(key);
        if (v == null || v.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (v.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + ": '" + v + "' is not true or false");
    }

    /** Checks every engine key of a job's conf. @throws IllegalArgumentException naming the first bad one */
    public static void validate(Map<String, String> conf) {
        taskTimeout(conf, Duration.ofMinutes(5));
        speculation(conf);
        splitStragglers(conf);
        packSplits(conf);
        fold(conf);
        kernels(conf);
        partitionFactor(conf);
        compression(conf);
    }

    /** A positive duration: a number with ms, s, m or h ({@code 500ms}, {@code 90s}, {@code 30m}). */
    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else {
                long v = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(v);
                    case 'm' -> Duration.ofMinutes(v);
                    case 'h' -> Duration.ofHours(v);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 500ms, 90s, 30m, 2h)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + s + "' is not a positive duration");
        }
        return d;
    }
}
