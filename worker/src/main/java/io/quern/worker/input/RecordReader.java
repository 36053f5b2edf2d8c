package io.quern.worker.input;

import io.quern.common.job.FileRange;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

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

    /** From 0 to 1 over the split's total bytes (the bytes kept, once {@link #stop stopped}). */
    double progress();

    /**
     * Gives up the input not read yet, so that other tasks can read it (a straggling map hands over
     * the rest of its split). Called between records; the current record stays valid. Afterwards
     * {@link #next()} returns only what this reader cannot hand over: the rest of a range that must
     * be read as a unit (a gzip file), or nothing.
     *
     * <p>Reading the returned ranges, each by the usual rules, yields exactly the records this reader
     * will not return; a returned part of a file starts at the first byte of its first line. Calling
     * it again returns nothing more.
     *
     * @return the ranges left unread, in order; empty when everything has been read
     */
    List<FileRange> stop();
}
