package io.quern.worker.kernel;

import io.quern.api.Emitter;
import io.quern.api.Mapper;
import io.quern.common.job.EngineConf;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.KeyCount;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codecs;
import io.quern.worker.codec.KeyHash;
import io.quern.worker.sort.MapOutputBuffer;
import io.quern.worker.sort.SortCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The map of the built-in {@code wordcount} job, run on the input's bytes: it scans chunks of whole
 * lines for words and counts them in a {@link CountTable} (combining in the map, as the summing
 * combiner would), and hands each word with its count to the sort buffer only when the table is full
 * and at the end. So a word costs a hash, a probe and an add, not a {@code String}, its encoding, a
 * sort entry and a combiner call.
 *
 * <p>Its output is the output of the job's mapper followed by its combiner, byte for byte: a run of
 * ASCII letters is a word, and any other ASCII byte ends one, exactly as in the mapper; a line with a
 * byte outside ASCII is decoded from the start of the word at that byte (or from the byte) to its end,
 * and that text is given to the job's own mapper, which finds the remaining words of the line by its
 * Unicode rules. Keys are partitioned by the same hash of the same bytes as every other map's, so
 * attempts run with and without the kernel agree.
 *
 * <p>Confined to the task thread.
 */
public final class WordCountKernel {
    /** The built-in job and its mapper that this kernel stands for. */
    public static final String JOB = "wordcount";
    public static final String MAPPER = "io.quern.examples.wordcount.WordCountMapper";

    /** Bytes of one key's value: the count, encoded as {@code Codecs.LONG} encodes it. */
    private static final int VALUE_BYTES = 8;
    /** Heaviest keys kept from each emptying of the table, for the hot key report. */
    private static final int HEAVY_KEPT = 64;
    private static final int HEAVY_REPORTED = 10;

    private final Mapper<Long, String, String, Long> mapper;
    private final CountSink sink;
    private final SortCounters counters;
    private final int partitions;
    private final CountTable table;
    private final Emitter<String, Long> unicodeWords = this::addDecoded;
    private final BytesOut key = new BytesOut(64);
    private final byte[] value = new byte[VALUE_BYTES];
    private final Map<String, Long> heavy = new HashMap<>();
    private long lines;
    private long words;
    private long wordBytes;

    /**
     * Whether a job's maps may run through this kernel: the built-in word count, shipped with the
     * engine rather than in a jar, over text, partitioned by the default hash, with neither kernels
     * ({@link EngineConf#KERNELS}) nor folding in the map ({@link EngineConf#FOLD}), which it is a
     * form of, turned off.
     */
    public static boolean handles(JobSpec job) {
        return JOB.equals(job.builtin()) && MAPPER.equals(job.mapper()) && job.jarSha256() == null
                && job.partitioner() == null
                && job.splitPoints() == null && job.combiner() != null && !job.isMapOnly()
                && job.inputFormat() == InputFormat.TEXT && EngineConf.kernels(job.conf())
                && EngineConf.fold(job.conf());
    }

    /** Where counted words go: each record is the combination of all the records of its key so far. */
    @FunctionalInterface
    public interface CountSink {
        void collect(int partition, byte[] key, int koff, int klen, byte[] val, int voff, int vlen) throws IOException;
    }

    /**
     * @param mapper the job's mapper, for lines with bytes outside ASCII
     * @param sink where the counted words go ({@link MapOutputBuffer#collectCombined})
     * @param counters the map's sort counters: every word is counted as a combiner input record
     * @param tableBytes memory for the count table; raised to the least a table needs
     */
    public WordCountKernel(Mapper<Long, String, String, Long> mapper, CountSink sink, SortCounters counters,
                           int partitions, long tableBytes) {
        this.mapper = mapper;
        this.sink = sink;
        this.counters = counters;
        this.partitions = partitions;
        this.table = new CountTable(Math.max(tableBytes, CountTable.LEAST_BYTES));
    }

    /**
     * Counts the words of one chunk of whole lines, {@code b[from, to)}, whose first byte is at
     * {@code offset} in its file; the chunk's last line may lack its terminator.
     */
    public void scan(byte[] b, int from, int to, long offset) throws Exception {
        int ws = -1; // start of the current word, or -1
        int h = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (Integer.compareUnsigned((c | 0x20) - 'a', 26) < 0) {
                if (ws < 0) {
                    ws = i;
                    h = KeyHash.SEED;
                }
                h = 31 * h + c;
            } else if (c >= 0) {
                if (ws >= 0) {
                    add(b, ws, i - ws, KeyHash.mix(h));
                    ws = -1;
                }
                if (c == '\n') {
                    lines++;
                }
            } else {
                // Outside ASCII: the mapper's own rules decide the rest of the line.
                int start = ws >= 0 ? ws : i;
                int nl = indexOfNewline(b, i, to);
                int end = nl < 0 ? to : nl;
                mapper.map(offset + (start - from), new String(b, start, end - start, StandardCharsets.UTF_8),
                        unicodeWords);
                ws = -1;
                if (nl < 0) {
                    break;
                }
                lines++;
                i = nl;
            }
        }
        if (ws >= 0) {
            add(b, ws, to - ws, KeyHash.mix(h));
        }
        if (to > from && b[to - 1] != '\n') {
            lines++;
        }
    }

    /** Where the job's mapper emits, into the counts: for its {@code cleanup}. */
    public Emitter<String, Long> emitter() {
        return unicodeWords;
    }

    /** Hands the counts still in the table to the sink; call once, after the last chunk. */
    public void finish() throws IOException {
        flush();
    }

    /** Lines scanned: the map's input records. */
    public long lines() {
        return lines;
    }

    /** Words found: the pairs the mapper would have emitted. */
    public long words() {
        return words;
    }

    /** Bytes of the pairs the mapper would have emitted, keys and values. */
    public long wordBytes() {
        return wordBytes;
    }

    /** The heaviest words, heaviest first, with their counts (exact while the table never filled). */
    public List<KeyCount> heaviest() {
        List<Map.Entry<String, Long>> all = new ArrayList<>(heavy.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<KeyCount> out = new ArrayList<>(HEAVY_REPORTED);
        for (Map.Entry<String, Long> e : all.subList(0, Math.min(HEAVY_REPORTED, all.size()))) {
            out.add(KeyCount.reported(e.getKey(), e.getValue()));
        }
        return out;
    }

    private void add(byte[] b, int off, int len, int hash) throws IOException {
        add(b, off, len, hash, 1);
    }

    /** Counts one pair of the mapper's: a word and its count. */
    private void add(byte[] b, int off, int len, int hash, long count) throws IOException {
        words++;
        wordBytes += len + VALUE_BYTES;
        counters.combineInputRecords++;
        if (!table.add(b, off, len, hash, count)) {
            flush();
            if (!table.add(b, off, len, hash, count)) {
                collect(b, off, len, hash, count); // a key larger than the whole table
            }
        }
    }

    /** A word the job's mapper found, with its count. */
    private void addDecoded(String word, Long count) {
        key.reset();
        Codecs.STRING.encode(word, key);
        byte[] k = key.array();
        int len = key.size();
        try {
            add(k, 0, len, KeyHash.of(k, 0, len), count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() throws IOException {
        if (table.size() == 0) {
            return;
        }
        PriorityQueue<Heavy> lightestFirst = new PriorityQueue<>(Comparator.comparingLong(Heavy::count));
        table.forEach((keys, off, len, hash, count) -> {
            collect(keys, off, len, hash, count);
            if (lightestFirst.size() < HEAVY_KEPT || count > lightestFirst.peek().count()) {
                lightestFirst.add(new Heavy(new String(keys, off, len, StandardCharsets.UTF_8), count));
                if (lightestFirst.size() > HEAVY_KEPT) {
                    lightestFirst.poll();
                }
            }
        });
        table.clear();
        for (Heavy h : lightestFirst) {
            heavy.merge(h.key(), h.count(), Long::sum);
        }
        if (heavy.size() > HEAVY_KEPT) {
            List<Map.Entry<String, Long>> all = new ArrayList<>(heavy.entrySet());
            all.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            heavy.clear();
            for (Map.Entry<String, Long> e : all.subList(0, HEAVY_KEPT)) {
                heavy.put(e.getKey(), e.getValue());
            }
        }
    }

    private void collect(byte[] k, int off, int len, int hash, long count) throws IOException {
        long x = count ^ Long.MIN_VALUE; // as Codecs.LONG encodes it
        for (int i = 0; i < VALUE_BYTES; i++) {
            value[i] = (byte) (x >>> (56 - 8 * i));
        }
        sink.collect(KeyHash.partition(hash, partitions), k, off, len, value, 0, VALUE_BYTES);
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private record Heavy(String key, long count) {}
}
