package io.quern.examples.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An output buffer for generators: bytes are appended to an array that is written out only between
 * records ({@link #endRecord()}), so the record being written can still be cut short with
 * {@link #truncate(long)}. Not thread-safe.
 */
final class ByteSink implements Closeable {

    private static final int FLUSH_THRESHOLD = 1 << 20;

    private final OutputStream out;
    private byte[] buffer = new byte[FLUSH_THRESHOLD + (64 << 10)];
    private int length;
    private long flushed;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far, including those still buffered. */
    long position() {
        return flushed + length;
    }

    /** Drops everything written after {@code position}, which must be within the current record. */
    void truncate(long position) {
        int newLength = (int) (position - flushed);
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate to " + position);
        }
        length = newLength;
    }

    /** Marks the end of a record: the buffer may be written out now. */
    void endRecord() throws IOException {
        if (length >= FLUSH_THRESHOLD) {
            flush();
        }
    }

    void write(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** Writes a string of ASCII characters, one byte each. */
    void writeAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    /** Writes a non-negative number in decimal, zero-padded to at least {@code width} digits. */
    void writeDecimal(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int total = Math.max(digits, width);
        ensure(total);
        for (int i = length + total - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += total;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    private void flush() throws IOException {
        out.write(buffer, 0, length);
        flushed += length;
        length = 0;
    }

    /** Writes out what is buffered and closes the stream. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
