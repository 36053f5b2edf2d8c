package io.quern.worker.sort;

import java.io.Closeable;
import java.io.IOException;

/**
 * Forward-only cursor over serialized records, in key order for sorted sources. The buffers returned
 * by the accessors are owned by the cursor and valid only until the next call to {@link #next()}.
 */
public interface RawRecordCursor extends Closeable {

    /** Advances to the next record; false at the end. */
    boolean next() throws IOException;

    byte[] keyBuffer();

    int keyOffset();

    int keyLength();

    byte[] valueBuffer();

    int valueOffset();

    int valueLength();
}
