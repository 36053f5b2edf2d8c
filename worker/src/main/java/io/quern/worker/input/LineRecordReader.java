package io.quern.worker.input;

import io.quern.common.job.FileRange;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.SharedFileSystemStorage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Text input: one record per line, keyed by the byte offset of the line's first byte. Confined to
 * one thread.
 *
 * <p>A line belongs to the range that holds its first byte. A range that starts mid-file
 * therefore reads from one byte before its start and drops everything up to the first {@code \n}
 * (that line belongs to the previous range), and it reads past its end to finish its last line.
 *
 * <p>Bytes go through one reused buffer: lines are found by scanning it for {@code \n} and decoded
 * from it in place. A line that does not fit is moved to the front, and the buffer doubles only
 * when a single line fills it; the scan resumes where it stopped, so a long line costs linear time.
 *
 * <p>It reads either line by line ({@link #next()}) or in chunks of whole lines
 * ({@link #nextChunk()}), never both: the two share the buffer and the position.
 */
final class LineRecordReader implements RecordReader<Long, String>, LineChunkReader {
    static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
    /** Read size once past a range's end: enough to finish a typical last line without reading far. */
    private static final int TAIL_READ_SIZE = 64 * 1024;
    private static final int MIN_BUFFER_SIZE = 8 * 1024;
    private static final int GZIP_BUFFER_SIZE = 64 * 1024;
    private static final int MAX_BUFFER_SIZE = Integer.MAX_VALUE - 16;
    private static final long UNBOUNDED = Long.MAX_VALUE;

    private List<FileRange> ranges; // shortened by stop()
    private long totalLength;
    private int nextRange;
    private long doneBytes; // bytesRead of the finished ranges
    private long doneLength; // length of the finished ranges
    private boolean closed;

    private byte[] buf;
    private int pos; // first unconsumed byte
    private int limit; // end of the valid bytes
    private long bufBase; // position in the file (decompressed stream for gzip) of buf[0]
    private boolean eof;

    private FileRange range; // the open range, or null
    private long end; // lines starting at or after this belong to the next range
    private final JobStorage storage;
    private SeekableByteChannel channel; // plain files, read at bufBase + limit
    private InputStream stream; // gzip files
    private CountingInputStream compressed;

    private long offset;
    private String value;
    private int chunkFrom;
    private int chunkTo;
    // Made once: next() is called per line.
    private final Read lines = this::readLine;
    private final Read chunks = this::readChunk;

    LineRecordReader(List<FileRange> ranges, int bufferSize) {
        this(ranges, bufferSize, SharedFileSystemStorage.INSTANCE);
    }

    LineRecordReader(List<FileRange> ranges, int bufferSize, JobStorage storage) {
        this.storage = storage;
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be >= 1: " + bufferSize);
        }
        long total = 0;
        long largestPart = 0; // bytes read to reach a range end, counting the byte before it
        for (FileRange r : ranges) {
            if (RecordReaders.isGzip(r.path()) && !r.whole()) {
                throw new IllegalArgumentException("gzip files are read whole, got a part: " + r);
            }
            total += r.length();
            largestPart = r.whole() ? Long.MAX_VALUE : Math.max(largestPart, r.length() + 1);
        }
        this.ranges = ranges;
        this.totalLength = total;
        // Reads stop at a part's end and the buffer grows for long lines, so a small split
        // needs no large buffer.
        this.buf = new byte[(int) Math.min(bufferSize, Math.max(largestPart, MIN_BUFFER_SIZE))];
    }

    @Override
    public boolean next() throws IOException {
        return advance(lines);
    }

    @Override
    public boolean nextChunk() throws IOException {
        return advance(chunks);
    }

    /** Reads a line or a chunk from the open range. */
    @FunctionalInterface
    private interface Read {
        boolean read() throws IOException;
    }

    /** Reads from the open range, opening the next one whenever a range has no more. */
    private boolean advance(Read read) throws IOException {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        while (true) {
            if (range == null) {
                if (nextRange == ranges.size()) {
                    return false;
                }
                openRange(ranges.get(nextRange++));
            }
            if (read.read()) {
                return true;
            }
            finishRange();
        }
    }

    @Override
    public byte[] chunk() {
        return buf;
    }

    @Override
    public int chunkStart() {
        return chunkFrom;
    }

    @Override
    public int chunkEnd() {
        return chunkTo;
    }

    @Override
    public long chunkOffset() {
        return bufBase + chunkFrom;
    }

    @Override
    public Long key() {
        return offset;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public String currentFile() {
        return range == null ? null : range.path();
    }

    @Override
    public long currentOffset() {
        return offset;
    }

    @Override
    public long bytesRead() {
        return doneBytes + rangeBytesRead();
    }

    @Override
    public double progress() {
        if (totalLength == 0) {
            return range == null && nextRange == ranges.size() ? 1.0 : 0.0;
        }
        long current = range == null ? 0 : Math.min(range.length(), rangeBytesRead());
        return Math.min(1.0, (double) (doneLength + current) / totalLength);
    }

    /**
     * Hands over the rest of the open range, from the first byte of its first unread line (the byte
     * after the last {@code \n} consumed, so that a reader of that part skips nothing), and the ranges
     * not opened yet. A whole range (gzip) cannot be cut: it is read to its end.
     */
    @Override
    public List<FileRange> stop() {
        List<FileRange> rest = new ArrayList<>();
        if (range != null && !range.whole()) {
            long unread = bufBase + pos;
            if (unread < end && !(eof && pos == limit)) {
                rest.add(new FileRange(range.path(), unread, end - unread, false));
                totalLength -= end - unread;
                range = new FileRange(range.path(), range.start(), unread - range.start(), false);
                end = unread;
            }
        }
        for (FileRange r : ranges.subList(nextRange, ranges.size())) {
            rest.add(r);
            totalLength -= r.length();
        }
        ranges = List.copyOf(ranges.subList(0, nextRange));
        return rest;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeSource();
    }

    private void openRange(FileRange r) throws IOException {
        range = r;
        pos = 0;
        limit = 0;
        eof = false;
        bufBase = 0;
        end = r.whole() ? UNBOUNDED : r.end();
        if (!r.whole() && r.length() == 0) {
            eof = true; // no line can start in an empty part
            return;
        }
        if (RecordReaders.isGzip(r.path())) {
            openGzip(r.path());
            return;
        }
        channel = storage.open(r.path());
        if (r.start() > 0) {
            bufBase = r.start() - 1;
            skipPartialLine();
        }
    }

    private void openGzip(String path) throws IOException {
        SeekableByteChannel file = storage.open(path);
        if (file.size() == 0) {
            file.close();
            eof = true; // not a valid gzip stream, but plainly an empty input
            return;
        }
        compressed = new CountingInputStream(Channels.newInputStream(file));
        try {
            stream = new GZIPInputStream(compressed, GZIP_BUFFER_SIZE);
        } catch (IOException e) {
            closeSource();
            throw withFile(e);
        }
    }

    /** Drops the bytes up to and including the first {@code \n} at or after {@code bufBase}. */
    private void skipPartialLine() throws IOException {
        while (true) {
            if (pos == limit) {
                if (eof) {
                    return;
                }
                bufBase += limit;
                pos = 0;
                limit = 0;
                fill();
                continue;
            }
            // A '\n' at or past the end would start a line of the next range: stop scanning there,
            // or a long line crossing many small ranges would be scanned once per range.
            int stop = (int) Math.min(limit, end - bufBase);
            int nl = indexOfNewline(buf, pos, stop);
            if (nl >= 0) {
                pos = nl + 1;
                return;
            }
            pos = stop;
            if (bufBase + pos >= end) {
                return; // no line starts in this range
            }
        }
    }

    /** Reads the next line that starts before {@code end}; false when there is none. */
    private boolean readLine() throws IOException {
        if (bufBase + pos >= end) {
            return false;
        }
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(buf, scan, limit);
            if (nl >= 0) {
                int to = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                setRecord(pos, to);
                pos = nl + 1;
                return true;
            }
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                setRecord(pos, limit); // a last line without a terminator; a lone '\r' stays in it
                pos = limit;
                return true;
            }
            int scanned = limit - pos;
            makeRoom();
            scan = pos + scanned;
            fill();
        }
    }

    /**
     * Takes the buffered lines that start before {@code end}, up to the last complete one (or to the
     * end of the file), as the chunk; reads more when the buffer holds only part of a line.
     */
    private boolean readChunk() throws IOException {
        if (bufBase + pos >= end) {
            return false;
        }
        while (true) {
            long endIndex = end - bufBase; // lines starting at or after this index are not ours
            int nl;
            if (endIndex <= limit) {
                // The range ends in the buffer: its last line ends at the first '\n' from end - 1 on.
                nl = indexOfNewline(buf, (int) Math.max(pos, endIndex - 1), limit);
            } else {
                nl = lastIndexOfNewline(buf, pos, limit);
            }
            if (nl >= 0) {
                setChunk(pos, nl + 1);
                return true;
            }
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                setChunk(pos, limit); // the file's last line, without a terminator
                return true;
            }
            if (pos == limit) {
                bufBase += limit; // all consumed: read into the whole buffer again
                pos = 0;
                limit = 0;
            }
            makeRoom();
            fill();
        }
    }

    private void setChunk(int from, int to) {
        chunkFrom = from;
        chunkTo = to;
        pos = to;
    }

    private void setRecord(int from, int to) {
        offset = bufBase + from;
        value = to == from ? "" : new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    /** Frees space after {@code limit}, keeping the bytes from {@code pos}. */
    private void makeRoom() throws IOException {
        if (buf.length - limit > buf.length / 8) {
            return; // enough room left: moving the partial line now would be wasted copying
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufBase += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length == MAX_BUFFER_SIZE) {
                throw new IOException(range.path() + ": line at offset " + bufBase + " is too long");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_BUFFER_SIZE, 2L * buf.length));
        }
    }

    /** Reads at least one byte after {@code limit}, or sets {@code eof}. */
    private void fill() throws IOException {
        int free = buf.length - limit;
        int n = 0;
        try {
            while (n == 0) {
                if (channel != null) {
                    int want = free;
                    if (end != UNBOUNDED) {
                        // Read only to the end of the range, then in modest steps to finish its
                        // last line: ranges may be far smaller than the buffer.
                        long toEnd = end - (bufBase + limit);
                        want = (int) Math.min(free, toEnd > 0 ? toEnd : TAIL_READ_SIZE);
                    }
                    n = readAt(channel, ByteBuffer.wrap(buf, limit, want), bufBase + limit);
                } else if (stream != null) {
                    n = stream.read(buf, limit, free);
                } else {
                    n = -1;
                }
            }
        } catch (IOException e) {
            throw withFile(e);
        }
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void finishRange() throws IOException {
        doneBytes += rangeBytesRead();
        doneLength += range.length();
        closeSource();
        range = null;
    }

    private long rangeBytesRead() {
        if (range == null) {
            return 0;
        }
        if (compressed != null) {
            return compressed.count();
        }
        return Math.max(0, bufBase + pos - range.start());
    }

    private void closeSource() throws IOException {
        // At most one is open; the gzip stream closes the counting stream beneath it.
        Closeable open = stream != null ? stream : compressed != null ? compressed : channel;
        stream = null;
        compressed = null;
        channel = null;
        if (open != null) {
            open.close();
        }
    }

    /** A file channel reads at the position without moving it; another channel is positioned first. */
    private static int readAt(SeekableByteChannel ch, ByteBuffer into, long position) throws IOException {
        return ch instanceof FileChannel file ? file.read(into, position) : ch.position(position).read(into);
    }

    private IOException withFile(IOException e) {
        return new IOException(range.path() + ": " + e.getMessage(), e);
    }

    private static int lastIndexOfNewline(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
