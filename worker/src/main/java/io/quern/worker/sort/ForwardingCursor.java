package io.quern.worker.sort;

import java.io.IOException;

/**
 * A cursor that forwards to another, for wrappers that only watch the records go by (counting
 * them, checking for a kill). Subclasses override {@link #next}; the accessors and {@link #close}
 * forward unchanged.
 */
public abstract class ForwardingCursor implements RawRecordCursor {
    protected final RawRecordCursor in;

    protected ForwardingCursor(RawRecordCursor in) {
        this.in = in;
    }

    @Override
    public boolean next() throws IOException {
        return in.next();
    }

    @Override
    public byte[] keyBuffer() {
        return in.keyBuffer();
    }

    @Override
    public int keyOffset() {
        return in.keyOffset();
    }

    @Override
    public int keyLength() {
        return in.keyLength();
    }

    @Override
    public byte[] valueBuffer() {
        return in.valueBuffer();
    }

    @Override
    public int valueOffset() {
        return in.valueOffset();
    }

    @Override
    public int valueLength() {
        return in.valueLength();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
