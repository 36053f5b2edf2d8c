package io.quern.worker.exec;

import java.util.Map;

/**
 * Memory and I/O sizes of task execution. Each may be overridden per job with a {@code --conf} key
 * ({@link #SORT_BUFFER_KEY} and so on), which tests use to force spills and multi-pass merges.
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

    /** This tuning with a job's overrides applied. */
    public WorkerTuning forJob(Map<String, String> conf) {
        return new WorkerTuning(
                (int) Math.min(Integer.MAX_VALUE - 64, parse(conf, SORT_BUFFER_KEY, sortBufferBytes)),
                parse(conf, REDUCE_MEMORY_KEY, reduceMemoryBytes),
                (int) Math.min(Integer.MAX_VALUE, parse(conf, MERGE_FACTOR_KEY, mergeFactor)),
                fetchParallelism);
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
