package io.quern.worker.sort;

import io.quern.common.job.Compression;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * A finished map output: {@code file.out} with one segment per partition and {@code file.index}
 * locating them (format in the package overview). Immutable and thread-safe.
 */
public final class MapOutputFile {
    static final String DATA_NAME = "file.out";
    static final String INDEX_NAME = "file.index";
    private static final int MAGIC = 0x51494458; // "QIDX"
    private static final int VERSION = 2;
    private static final int HEADER_BYTES = 4 * Integer.BYTES;
    private static final int ENTRY_BYTES = 5 * Long.BYTES;

    private final Path data;
    private final Path index;
    private final Compression compression;
    private final IndexEntry[] entries;

    MapOutputFile(Path data, Path index, Compression compression, IndexEntry[] entries) {
        this.data = data;
        this.index = index;
        this.compression = compression;
        this.entries = entries.clone();
    }

    /** Reads and validates {@code dir/file.index}, and checks that {@code dir/file.out} matches it. */
    public static MapOutputFile open(Path dir) throws IOException {
        Path index = dir.resolve(INDEX_NAME);
        Path data = dir.resolve(DATA_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(index);
        } catch (NoSuchFileException e) {
            throw new IOException("map output index " + index + " does not exist", e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER_BYTES + Long.BYTES || in.getInt() != MAGIC) {
            throw new IOException("map output index " + index + " is not an index file (bad magic or too short)");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IOException("map output index " + index + " has unsupported version " + version);
        }
        int partitions = in.getInt();
        int codec = in.getInt();
        long expectedSize = HEADER_BYTES + (long) partitions * ENTRY_BYTES + Long.BYTES;
        if (partitions < 1 || bytes.length != expectedSize) {
            throw new IOException("map output index " + index + " is " + bytes.length + " bytes, but "
                    + partitions + " partitions need " + expectedSize);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        long stored = ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
        if (stored != crc.getValue()) {
            throw new IOException("map output index " + index + " is corrupt: checksum mismatch");
        }
        Compression compression;
        try {
            compression = Compression.ofId(codec);
        } catch (IllegalArgumentException e) {
            throw new IOException("map output index " + index + ": " + e.getMessage(), e);
        }
        IndexEntry[] entries = new IndexEntry[partitions];
        long end = 0;
        for (int p = 0; p < partitions; p++) {
            IndexEntry e;
            try {
                e = new IndexEntry(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
            } catch (IllegalArgumentException ex) {
                throw new IOException("map output index " + index + " has a bad entry for partition " + p
                        + ": " + ex.getMessage(), ex);
            }
            if (e.offset() != end) {
                throw new IOException("map output index " + index + ": partition " + p + " starts at "
                        + e.offset() + ", expected " + end);
            }
            end = e.end();
            entries[p] = e;
        }
        long dataSize;
        try {
            dataSize = Files.size(data);
        } catch (NoSuchFileException ex) {
            throw new IOException("map output data " + data + " does not exist", ex);
        }
        if (dataSize != end) {
            throw new IOException("map output data " + data + " is " + dataSize + " bytes, but its index "
                    + "describes " + end);
        }
        return new MapOutputFile(data, index, compression, entries);
    }

    /** Writes an index atomically: to a temporary file first, then renamed into place. */
    static void writeIndex(Path index, Compression compression, IndexEntry[] entries) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + entries.length * ENTRY_BYTES + Long.BYTES);
        out.putInt(MAGIC).putInt(VERSION).putInt(entries.length).putInt(compression.id());
        for (IndexEntry e : entries) {
            out.putLong(e.offset()).putLong(e.length()).putLong(e.rawLength()).putLong(e.records())
                    .putLong(e.crc32());
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putLong(crc.getValue());
        Path tmp = tempIndex(index);
        Files.write(tmp, out.array());
        try {
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Bytes of the index of {@code partitions} partitions. */
    static long indexBytes(int partitions) {
        return HEADER_BYTES + (long) partitions * ENTRY_BYTES + Long.BYTES;
    }

    static Path tempIndex(Path index) {
        return index.resolveSibling(index.getFileName() + ".tmp");
    }

    public Path data() {
        return data;
    }

    public Path index() {
        return index;
    }

    /** How the segments' records are stored. */
    public Compression compression() {
        return compression;
    }

    public int partitions() {
        return entries.length;
    }

    public IndexEntry entry(int partition) {
        if (partition < 0 || partition >= entries.length) {
            throw new IndexOutOfBoundsException("partition " + partition + " not in [0, " + entries.length + ")");
        }
        return entries[partition];
    }

    @Override
    public String toString() {
        return "MapOutputFile[" + data + ", " + entries.length + " partitions, " + compression.confName() + "]";
    }
}
