package io.quern.worker.input;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the records of one map split. Confined to one thread.
 *
 * <p>{@link #key()}, {@link #value()}, {@link #currentFile()} and {@link #currentOffset()} describe
 * the record of the last {@link #next()} that returned {@code true}.
 */
public interface RecordReader<K, V> extends Closeable {
    /** Advances to the next record; {@code false} at the end of the split. */
    boolean next() throws IOException;

    K key();

    V value();

    /** The path of the current record's file, as in its {@code FileRange}. */
    String currentFile();

    /** The byte offset of the current record in its file, for bad-record reports; 0 for whole files. */
    long currentOffset();

    /** Bytes consumed so far; compressed bytes for gzip files. */
    long bytesRead();

    /** From 0 to 1 over the split's total bytes. */
    double progress();
}
