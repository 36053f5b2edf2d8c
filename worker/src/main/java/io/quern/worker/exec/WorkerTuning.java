package io.quern.worker.exec;

import io.quern.common.job.ByteSizes;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Memory and I/O sizes of task execution. Each may be overridden per job with a {@code --conf} key
 * ({@link #SORT_BUFFER_KEY} and so on), which tests use to force spills and multi-pass merges. The
 * worker's own sort buffer and reduce memory are its task memory, the most any job may ask for.
 *
 * @param sortBufferBytes map side: the in-memory sort buffer of one attempt
 * @param reduceMemoryBytes reduce side: fetched segments kept in memory by one attempt
 * @param mergeFactor how many sorted runs are merged at once
 * @param fetchParallelism concurrent segment fetches of one reduce attempt
 */
public record WorkerTuning(int sortBufferBytes, long reduceMemoryBytes, int mergeFactor, int fetchParallelism) {
    public static final String SORT_BUFFER_KEY = "quern.sort.buffer.bytes";
    public static final String REDUCE_MEMORY_KEY = "quern.reduce.memory.bytes";
    public static final String MERGE_FACTOR_KEY = "quern.merge.factor";
    /** The smallest sort buffer a map over plain input gets, however small its split. */
    static final int MIN_SPLIT_SORT_BUFFER = 1 << 20;
    /**
     * Serialized map output bytes (metadata included) allowed per input byte before a map over plain
     * input spills. Word count makes about five; most jobs make less.
     */
    static final int OUTPUT_BYTES_PER_INPUT_BYTE = 8;

    public WorkerTuning {
        if (sortBufferBytes < 4096) {
            throw new IllegalArgumentException("sort buffer must be at least 4 KiB, not " + sortBufferBytes);
        }
        if (reduceMemoryBytes < 4096) {
            throw new IllegalArgumentException("reduce memory must be at least 4 KiB, not " + reduceMemoryBytes);
        }
        if (mergeFactor < 2) {
            throw new IllegalArgumentException("merge factor must be at least 2, not " + mergeFactor);
        }
        if (fetchParallelism < 1) {
            throw new IllegalArgumentException("fetch parallelism must be at least 1");
        }
    }

    /**
     * Defaults sized so that every slot's buffers together take at most half the heap: bounded memory
     * whatever the input.
     */
    public static WorkerTuning forHeap(long maxHeapBytes, int slots) {
        long perSlot = maxHeapBytes / 2 / Math.max(1, slots);
        int sort = (int) Math.max(4096, Math.min(64L << 20, perSlot / 2));
        long reduce = Math.max(4096, Math.min(64L << 20, perSlot / 2));
        return new WorkerTuning(sort, reduce, 64, 4);
    }

    /**
     * The tuning of a worker whose every attempt may use {@code taskMemoryBytes} for its buffers:
     * a map's sort buffer (with the word count kernel's table) or a reduce's in-memory shuffle. The
     * slots' task memory together must fit in half the heap; the rest is the JVM's and gRPC's.
     *
     * @throws IllegalArgumentException naming both numbers when it does not fit, or when it is below 4 KiB
     */
    public static WorkerTuning forTaskMemory(long taskMemoryBytes, int slots, long maxHeapBytes) {
        if (taskMemoryBytes < 4096) {
            throw new IllegalArgumentException("--task-memory must be at least 4k, not " + taskMemoryBytes);
        }
        long total = slots > 0 && taskMemoryBytes > Long.MAX_VALUE / slots ? Long.MAX_VALUE
                : taskMemoryBytes * Math.max(1, slots);
        if (total > maxHeapBytes / 2) {
            throw new IllegalArgumentException("--task-memory " + ByteSizes.format(taskMemoryBytes) + " times "
                    + slots + " --slots is " + ByteSizes.format(total) + ", more than half the max heap ("
                    + ByteSizes.format(maxHeapBytes / 2) + " of " + ByteSizes.format(maxHeapBytes)
                    + "); lower either, or give the worker a larger -Xmx");
        }
        return new WorkerTuning((int) Math.min(Integer.MAX_VALUE - 64, taskMemoryBytes), taskMemoryBytes, 64, 4);
    }

    /**
     * The sort buffer of a map over {@code splitBytes} of plain (uncompressed) input. The buffer is
     * allocated whole when the attempt starts, so a full-size buffer would make a map over a few
     * kilobytes spend most of its time zeroing 64 MiB; a map of a big split still gets the whole
     * buffer. A map whose output outgrows its buffer spills, as any map does, so this changes speed,
     * never results. Gzip input is decompressed, so its size says little: pass
     * {@code Long.MAX_VALUE} for it.
     */
    public int sortBufferFor(long splitBytes) {
        long want = splitBytes > Long.MAX_VALUE / OUTPUT_BYTES_PER_INPUT_BYTE ? Long.MAX_VALUE
                : Math.max(MIN_SPLIT_SORT_BUFFER, splitBytes * OUTPUT_BYTES_PER_INPUT_BYTE);
        return (int) Math.min(sortBufferBytes, want);
    }

    /** This tuning with a job's overrides applied, memory above this worker's clamped to it. */
    public WorkerTuning forJob(Map<String, String> conf) {
        return forJob(conf, notice -> {});
    }

    /**
     * This tuning with a job's overrides applied. A job may lower its memory but never raise it
     * above this worker's task memory: such an override is clamped, and {@code clamped} is told why.
     */
    public WorkerTuning forJob(Map<String, String> conf, Consumer<String> clamped) {
        long sort = clamp(parse(conf, SORT_BUFFER_KEY, sortBufferBytes), sortBufferBytes, SORT_BUFFER_KEY, clamped);
        long reduce = clamp(parse(conf, REDUCE_MEMORY_KEY, reduceMemoryBytes), reduceMemoryBytes, REDUCE_MEMORY_KEY,
                clamped);
        return new WorkerTuning((int) sort, reduce,
                (int) Math.min(Integer.MAX_VALUE, parse(conf, MERGE_FACTOR_KEY, mergeFactor)),
                fetchParallelism);
    }

    private static long clamp(long wanted, long limit, String key, Consumer<String> clamped) {
        if (wanted <= limit) {
            return wanted;
        }
        clamped.accept(key + " = " + wanted + " is more than this worker's task memory allows; clamped to "
                + limit + " (" + ByteSizes.format(limit) + ")");
        return limit;
    }

    /** A non-negative override, so that narrowing it to an int can only clamp it, never wrap it. */
    private static long parse(Map<String, String> conf, String key, long dflt) {
        String v = conf.get(key);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new IllegalArgumentException(key + " must be a non-negative whole number, not '" + v + "'");
        }
        return n;
    }
}
