package io.quern.worker.sort;

import java.io.IOException;

/** Receives serialized records; the arrays may be reused by the caller once {@code append} returns. */
public interface RecordSink {
    void append(byte[] k, int koff, int klen, byte[] v, int voff, int vlen) throws IOException;
}
