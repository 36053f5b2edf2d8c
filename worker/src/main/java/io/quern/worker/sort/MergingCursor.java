package io.quern.worker.sort;

import java.io.IOException;
import java.util.Arrays;

/**
 * Merges sorted cursors into one sorted cursor with a binary min-heap of input indices, comparing the
 * inputs' current key bytes; equal keys come out in input order, so merging runs in the order they
 * were produced is stable. Closing it closes the inputs. Confined to one thread, except that
 * {@link #bytesConsumed()} may be read from any thread.
 */
final class MergingCursor implements RawRecordCursor {
    /** Publish progress every this many records, to keep the volatile write off the per-record path. */
    private static final int PUBLISH_MASK = 1023;

    private final RawRecordCursor[] inputs;
    private final int[] heap;
    private int size;
    private boolean started;
    private RawRecordCursor top;
    private long records;
    private long bytes;
    private volatile long publishedBytes;

    MergingCursor(RawRecordCursor[] inputs) {
        this.inputs = inputs.clone();
        this.heap = new int[inputs.length];
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i].next()) {
                    heap[size++] = i;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        } else if (size > 0) {
            if (!inputs[heap[0]].next()) {
                heap[0] = heap[--size];
            }
            siftDown(0);
        }
        if (size == 0) {
            top = null;
            publishedBytes = bytes;
            return false;
        }
        top = inputs[heap[0]];
        bytes += SegmentWriter.recordSize(top.keyLength(), top.valueLength());
        if ((++records & PUBLISH_MASK) == 0) {
            publishedBytes = bytes;
        }
        return true;
    }

    /** Segment bytes of the records returned so far; approximate while merging, exact at the end. */
    long bytesConsumed() {
        return publishedBytes;
    }

    private void siftDown(int i) {
        int moving = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(heap[child], moving)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = moving;
    }

    private boolean less(int a, int b) {
        RawRecordCursor x = inputs[a];
        RawRecordCursor y = inputs[b];
        int c = Arrays.compareUnsigned(x.keyBuffer(), x.keyOffset(), x.keyOffset() + x.keyLength(),
                y.keyBuffer(), y.keyOffset(), y.keyOffset() + y.keyLength());
        return c < 0 || (c == 0 && a < b);
    }

    @Override
    public byte[] keyBuffer() {
        return top.keyBuffer();
    }

    @Override
    public int keyOffset() {
        return top.keyOffset();
    }

    @Override
    public int keyLength() {
        return top.keyLength();
    }

    @Override
    public byte[] valueBuffer() {
        return top.valueBuffer();
    }

    @Override
    public int valueOffset() {
        return top.valueOffset();
    }

    @Override
    public int valueLength() {
        return top.valueLength();
    }

    @Override
    public void close() throws IOException {
        Closing.closeAll(java.util.Arrays.asList(inputs));
    }
}
