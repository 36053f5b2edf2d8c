package io.quern.coordinator.split;

import io.quern.common.job.FileRange;
import io.quern.common.job.SplitPoints;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.SharedFileSystemStorage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Samples the keys of a text job's input at submit time and derives the split points of a total
 * order from them (after TeraSort's input sampler). The sample is bounded and spread: each split gets
 * an equal share of {@code maxKeys}, read as short runs of lines from a few evenly spaced places in
 * it (from the start only, for gzip). A place inside a line starts at the next line. Keys are
 * serialized as the {@code String} codec does (UTF-8), so they compare as the map output does.
 * Stateless; runs on the admission threads.
 */
public final class KeySampler {
    /** Places read per split; more only spread the sample within a split. */
    static final int PLACES_PER_SPLIT = 8;
    /** Longer lines are skipped rather than buffered. */
    private static final int MAX_LINE = 64 << 10;

    private final int maxKeys;
    private final Function<String, String> keyOf;
    private final JobStorage storage;

    /** A sampler of input on the shared file system. */
    public KeySampler(int maxKeys, Function<String, String> keyOf) {
        this(maxKeys, keyOf, SharedFileSystemStorage.INSTANCE);
    }

    /**
     * @param maxKeys at most this many keys in all
     * @param keyOf the map output key of a line, or null for a line without one
     * @param storage where the input is
     */
    public KeySampler(int maxKeys, Function<String, String> keyOf, JobStorage storage) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, not " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.keyOf = keyOf;
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** The serialized keys of a sample of the splits' lines, in input order. */
    public List<byte[]> sample(List<List<FileRange>> splits) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        if (splits.isEmpty()) {
            return keys;
        }
        int perSplit = Math.max(1, maxKeys / splits.size());
        for (List<FileRange> split : splits) {
            if (keys.size() >= maxKeys) {
                break;
            }
            sampleSplit(split, Math.min(perSplit, maxKeys - keys.size()), keys);
        }
        return keys;
    }

    /**
     * R-1 split points at the quantiles of the sample, so that each of the {@code reducers}
     * partitions gets about the same share of the sampled keys; none without a sample.
     */
    public static SplitPoints splitPoints(List<byte[]> sample, int reducers) {
        if (reducers < 1) {
            throw new IllegalArgumentException("a total order needs at least one reducer");
        }
        List<byte[]> sorted = new ArrayList<>(sample);
        sorted.sort(Arrays::compareUnsigned);
        List<byte[]> points = new ArrayList<>(reducers - 1);
        if (!sorted.isEmpty()) {
            for (int i = 1; i < reducers; i++) {
                points.add(sorted.get((int) ((long) i * sorted.size() / reducers)));
            }
        }
        return new SplitPoints(points);
    }

    private void sampleSplit(List<FileRange> split, int budget, List<byte[]> into) throws IOException {
        if (split.size() == 1 && split.get(0).whole()) {
            sampleAt(split.get(0), 0, budget, into); // gzip: one run from the start
            return;
        }
        long bytes = 0;
        for (FileRange r : split) {
            bytes += r.length();
        }
        int places = (int) Math.max(1, Math.min(PLACES_PER_SPLIT, Math.min(budget, bytes)));
        int perPlace = Math.max(1, budget / places);
        for (int p = 0; p < places; p++) {
            long at = bytes * p / places; // offset within the split
            long size = bytes * (p + 1) / places - bytes * p / places;
            for (FileRange r : split) {
                if (at < r.length()) {
                    // Lines starting in this place's share of the range, so that places never overlap.
                    sampleAt(new FileRange(r.path(), r.start() + at, Math.min(size, r.length() - at), false), 0,
                            perPlace, into);
                    break;
                }
                at -= r.length();
            }
        }
    }

    /** Reads up to {@code n} keys from the lines that start at or after {@code offset} within the range. */
    private void sampleAt(FileRange range, long offset, int n, List<byte[]> into) throws IOException {
        try (SeekableByteChannel ch = storage.open(range.path())) {
            InputStream in;
            long limit;
            boolean skipPartial;
            if (range.whole() && range.path().endsWith(".gz")) {
                in = new GZIPInputStream(Channels.newInputStream(ch), 1 << 16);
                limit = Long.MAX_VALUE;
                skipPartial = false;
            } else {
                long start = range.start() + offset;
                // A line belongs to the range holding its first byte: step back one byte to see whether
                // the line at start begins there.
                skipPartial = start > 0;
                ch.position(skipPartial ? start - 1 : start);
                in = Channels.newInputStream(ch);
                limit = range.start() + range.length() - ch.position(); // lines must start before the end
            }
            try (InputStream buffered = new BufferedInputStream(in, 1 << 16)) {
                readKeys(buffered, limit, skipPartial, n, into);
            }
        }
    }

    private void readKeys(InputStream in, long limit, boolean skipPartial, int n, List<byte[]> into)
            throws IOException {
        long pos = 0;
        int b;
        if (skipPartial) {
            while ((b = in.read()) >= 0) {
                pos++;
                if (b == '\n') {
                    break;
                }
            }
            if (b < 0) {
                return;
            }
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int found = 0;
        while (found < n && pos < limit) {
            line.reset();
            boolean tooLong = false;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                pos++;
                any = true;
                if (b == '\n') {
                    break;
                }
                if (line.size() < MAX_LINE) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (!any) {
                return;
            }
            if (!tooLong) {
                String text = line.toString(StandardCharsets.UTF_8);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                String key = keyOf.apply(text);
                if (key != null) {
                    into.add(key.getBytes(StandardCharsets.UTF_8));
                    found++;
                }
            }
            if (b < 0) {
                return;
            }
        }
    }
}
