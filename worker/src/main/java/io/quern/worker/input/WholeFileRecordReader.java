package io.quern.worker.input;

import io.quern.common.job.FileRange;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Whole-file input: one record per range, keyed by the path as given in the range, valued by the
 * file's whole content (decompressed for gzip files). Confined to one thread.
 */
final class WholeFileRecordReader implements RecordReader<String, String> {
    private List<FileRange> ranges;
    private long totalLength;
    private int nextRange;
    private long bytesRead;
    private long doneLength;
    private boolean closed;

    private String key;
    private String value;

    WholeFileRecordReader(List<FileRange> ranges) {
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
        value = new String(readContent(Path.of(r.path())), StandardCharsets.UTF_8);
        doneLength += r.length();
        return true;
    }

    private byte[] readContent(Path path) throws IOException {
        if (!RecordReaders.isGzip(path.toString())) {
            byte[] content = Files.readAllBytes(path);
            bytesRead += content.length;
            return content;
        }
        if (Files.size(path) == 0) {
            return new byte[0]; // not a valid gzip stream, but plainly an empty file
        }
        CountingInputStream counting = new CountingInputStream(new FileInputStream(path.toFile()));
        try (counting; GZIPInputStream in = new GZIPInputStream(counting)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        } finally {
            bytesRead += counting.count();
        }
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
