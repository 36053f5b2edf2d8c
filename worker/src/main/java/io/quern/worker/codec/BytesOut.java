package io.quern.worker.codec;

import java.util.Arrays;

/**
 * A growable byte buffer that codecs append to. Reused across records so that the hot path
 * allocates nothing once it has grown to the largest record. Not thread-safe.
 */
public final class BytesOut {
    private byte[] buf;
    private int size;

    public BytesOut(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public BytesOut() {
        this(256);
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The backing array; valid bytes are {@code [0, size())}. Changes when the buffer grows. */
    public byte[] array() {
        return buf;
    }

    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensure(int extra) {
        int need = size + extra;
        if (need < 0) {
            throw new IllegalStateException("record larger than 2 GiB");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    /** For codecs that fill the array directly after {@link #ensure}: declares {@code n} more bytes written. */
    public void advance(int n) {
        size += n;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
