package io.quern.worker.sort;

import java.io.IOException;
import java.util.List;

/** The records of several cursors, one cursor after another, in no key order. Confined to one thread. */
final class ConcatenatedCursor implements RawRecordCursor {
    private final List<RawRecordCursor> inputs;
    private int current;

    ConcatenatedCursor(List<RawRecordCursor> inputs) {
        this.inputs = inputs;
    }

    @Override
    public boolean next() throws IOException {
        while (current < inputs.size()) {
            if (inputs.get(current).next()) {
                return true;
            }
            current++;
        }
        return false;
    }

    private RawRecordCursor in() {
        return inputs.get(current);
    }

    @Override
    public byte[] keyBuffer() {
        return in().keyBuffer();
    }

    @Override
    public int keyOffset() {
        return in().keyOffset();
    }

    @Override
    public int keyLength() {
        return in().keyLength();
    }

    @Override
    public byte[] valueBuffer() {
        return in().valueBuffer();
    }

    @Override
    public int valueOffset() {
        return in().valueOffset();
    }

    @Override
    public int valueLength() {
        return in().valueLength();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RawRecordCursor c : inputs) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
