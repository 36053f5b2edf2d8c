package io.quern.worker.sort;

/**
 * Where one partition's segment lies in a map output or spill file.
 *
 * @param offset byte offset of the segment in the data file
 * @param length segment length in bytes as stored (its blocks, when compressed)
 * @param rawLength length of the segment's records, uncompressed; {@code length} when stored raw
 * @param records number of records in the segment
 * @param crc32 CRC32 of the stored segment bytes (0 for an empty segment)
 */
public record IndexEntry(long offset, long length, long rawLength, long records, long crc32) {
    public IndexEntry {
        if (offset < 0 || length < 0 || rawLength < 0 || records < 0) {
            throw new IllegalArgumentException("negative offset, length or records: offset=" + offset
                    + ", length=" + length + ", rawLength=" + rawLength + ", records=" + records);
        }
        // Every record takes at least two bytes (its two length varints).
        if (records > rawLength / 2 || (records == 0 && rawLength != 0)) {
            throw new IllegalArgumentException(records + " records cannot fill " + rawLength + " bytes");
        }
        if ((length == 0) != (rawLength == 0)) {
            throw new IllegalArgumentException("a segment of " + rawLength + " record bytes cannot be stored in "
                    + length);
        }
        if (crc32 < 0 || crc32 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("crc32 out of range: " + crc32);
        }
        if (offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("segment end overflows: offset=" + offset + ", length=" + length);
        }
    }

    /** A segment stored as its raw records. */
    public IndexEntry(long offset, long length, long records, long crc32) {
        this(offset, length, length, records, crc32);
    }

    /** The offset just past the segment. */
    public long end() {
        return offset + length;
    }
}
