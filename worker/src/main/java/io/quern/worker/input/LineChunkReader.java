package io.quern.worker.input;

import io.quern.common.job.FileRange;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Text input read in chunks of whole lines rather than line by line, for maps that work on the
 * bytes themselves: no {@code String} per line. The lines of the chunks are exactly the lines
 * {@link RecordReader#next()} would return, by the same rules of which range owns a line, with
 * their terminators ({@code \n}, possibly after {@code \r}) kept. Confined to one thread.
 */
public interface LineChunkReader extends Closeable {
    /**
     * Advances to the next chunk: one or more whole lines, each ending in {@code \n} except the last
     * line of a file that has no terminator. {@code false} at the end of the split.
     */
    boolean nextChunk() throws IOException;

    /** The buffer holding the chunk, valid until the next call of {@link #nextChunk()}. */
    byte[] chunk();

    /** The index of the chunk's first byte in {@link #chunk()}. */
    int chunkStart();

    /** The index after the chunk's last byte in {@link #chunk()}. */
    int chunkEnd();

    /** The byte offset in its file of the chunk's first byte. */
    long chunkOffset();

    /** The path of the chunk's file, as in its {@code FileRange}. */
    String currentFile();

    /** Bytes consumed so far; compressed bytes for gzip files. */
    long bytesRead();

    /** From 0 to 1 over the split's total bytes. */
    double progress();

    /** As {@link RecordReader#stop()}, called between chunks. */
    List<FileRange> stop();
}
