package io.quern.common.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** A file being written (an attempt's output). Confined to one thread. */
public interface OutputFile extends Closeable {
    /** The file's bytes go here, unbuffered: callers buffer as suits them. The same stream every call. */
    OutputStream stream();

    /** Makes what was written durable, before the attempt reports it for commit. */
    void force() throws IOException;
}
