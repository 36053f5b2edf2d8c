package io.quern.worker.input;

import io.quern.common.job.FileRange;
import io.quern.common.storage.JobStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Whole-file input: one record per range, keyed by the path as given in the range, valued by the
 * file's whole content (decompressed for gzip files). Confined to one thread.
 */
final class WholeFileRecordReader implements RecordReader<String, String> {
    private final JobStorage storage;
    private List<FileRange> ranges;
    private long totalLength;
    private int nextRange;
    private long bytesRead;
    private long doneLength;
    private boolean closed;

    private String key;
    private String value;

    WholeFileRecordReader(List<FileRange> ranges, JobStorage storage) {
        this.storage = storage;
        long total = 0;
        for (FileRange r : ranges) {
            if (!r.whole()) {
                throw new IllegalArgumentException("whole-file input needs whole ranges, got " + r);
            }
            total += r.length();
        }
        this.ranges = ranges;
        this.totalLength = total;
    }

    @Override
    public boolean next() throws IOException {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (nextRange == ranges.size()) {
            return false;
        }
        FileRange r = ranges.get(nextRange++);
        key = r.path();
        value = new String(readContent(r.path()), StandardCharsets.UTF_8);
        doneLength += r.length();
        return true;
    }

    private byte[] readContent(String path) throws IOException {
        try (SeekableByteChannel file = storage.open(path)) {
            if (!RecordReaders.isGzip(path)) {
                byte[] content = readAll(file);
                bytesRead += content.length;
                return content;
            }
            if (file.size() == 0) {
                return new byte[0]; // not a valid gzip stream, but plainly an empty file
            }
            CountingInputStream counting = new CountingInputStream(Channels.newInputStream(file));
            try (counting; GZIPInputStream in = new GZIPInputStream(counting)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            } finally {
                bytesRead += counting.count();
            }
        }
    }

    /** As {@code Files.readAllBytes}: one array of the file's size, and more if it grew meanwhile. */
    private static byte[] readAll(SeekableByteChannel file) throws IOException {
        long size = file.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("file is too large for one record: " + size + " bytes");
        }
        byte[] content = new byte[(int) size];
        ByteBuffer into = ByteBuffer.wrap(content);
        while (into.hasRemaining() && file.read(into) > 0) {
            // read until full or at the end
        }
        if (into.hasRemaining()) {
            return Arrays.copyOf(content, into.position()); // shrank while read
        }
        InputStream rest = Channels.newInputStream(file);
        byte[] more = rest.readAllBytes();
        if (more.length == 0) {
            return content;
        }
        byte[] all = Arrays.copyOf(content, content.length + more.length);
        System.arraycopy(more, 0, all, content.length, more.length);
        return all;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public String currentFile() {
        return key;
    }

    @Override
    public long currentOffset() {
        return 0;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public double progress() {
        if (totalLength == 0) {
            return nextRange == ranges.size() ? 1.0 : 0.0;
        }
        return Math.min(1.0, (double) doneLength / totalLength);
    }

    @Override
    public List<FileRange> stop() {
        List<FileRange> rest = List.copyOf(ranges.subList(nextRange, ranges.size()));
        ranges = List.copyOf(ranges.subList(0, nextRange));
        totalLength = doneLength;
        return rest;
    }

    @Override
    public void close() {
        closed = true;
    }
}
