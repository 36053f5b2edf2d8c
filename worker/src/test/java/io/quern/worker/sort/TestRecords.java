package io.quern.worker.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.common.job.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/** Test-side reference records and readers, written independently of the code under test where it matters. */
final class TestRecords {
    private static final HexFormat HEX = HexFormat.of();

    private TestRecords() {}

    /**
     * A record as lower-case hex strings: their natural order is the unsigned byte order of the
     * keys, shorter first on a common prefix, so a plain sort gives the reference order.
     */
    record Rec(String key, String value) implements Comparable<Rec> {
        static Rec of(byte[] k, byte[] v) {
            return new Rec(HEX.formatHex(k), HEX.formatHex(v));
        }

        byte[] keyBytes() {
            return HEX.parseHex(key);
        }

        byte[] valueBytes() {
            return HEX.parseHex(value);
        }

        @Override
        public int compareTo(Rec o) {
            int c = key.compareTo(o.key);
            return c != 0 ? c : value.compareTo(o.value);
        }
    }

    /** Random keys: empty, prefixes of each other, bytes >= 0x80. */
    static byte[] randomKey(Random rnd, List<byte[]> bases) {
        byte[] base = bases.get(rnd.nextInt(bases.size()));
        return java.util.Arrays.copyOf(base, rnd.nextInt(base.length + 1));
    }

    static List<byte[]> randomBases(Random rnd, int n, int maxLen) {
        List<byte[]> bases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[rnd.nextInt(maxLen + 1)];
            rnd.nextBytes(b);
            bases.add(b);
        }
        return bases;
    }

    static byte[] randomBytes(Random rnd, int maxLen) {
        byte[] b = new byte[rnd.nextInt(maxLen + 1)];
        rnd.nextBytes(b);
        return b;
    }

    /** Every record of the cursor, copied; also checks that keys never decrease. */
    static List<Rec> drainSorted(RawRecordCursor c) throws IOException {
        List<Rec> out = new ArrayList<>();
        while (c.next()) {
            byte[] k = java.util.Arrays.copyOfRange(c.keyBuffer(), c.keyOffset(), c.keyOffset() + c.keyLength());
            byte[] v = java.util.Arrays.copyOfRange(c.valueBuffer(), c.valueOffset(), c.valueOffset() + c.valueLength());
            Rec r = Rec.of(k, v);
            if (!out.isEmpty()) {
                assertThat(r.key()).as("keys in order after %s", out.get(out.size() - 1).key())
                        .isGreaterThanOrEqualTo(out.get(out.size() - 1).key());
            }
            out.add(r);
        }
        return out;
    }

    /** Reads one uncompressed segment of a file, checking its CRC32 and record count against the entry. */
    static List<Rec> readSegment(Path file, IndexEntry e) throws IOException {
        return readSegment(file, e, Compression.NONE);
    }

    /** Reads one segment of a file, checking its CRC32, record count and raw length against the entry. */
    static List<Rec> readSegment(Path file, IndexEntry e, Compression c) throws IOException {
        assertThat(crc(file, e)).as("CRC32 of segment at %d", e.offset()).isEqualTo(e.crc32());
        try (SegmentReader r = SegmentReader.ofFile(file, e.offset(), e.length(), e.rawLength(), c)) {
            List<Rec> recs = drainSorted(r);
            assertThat((long) recs.size()).as("records in segment at %d", e.offset()).isEqualTo(e.records());
            assertThat(r.bytesRead()).as("raw bytes of segment at %d", e.offset()).isEqualTo(e.rawLength());
            return recs;
        }
    }

    static long crc(Path file, IndexEntry e) throws IOException {
        byte[] all = Files.readAllBytes(file);
        CRC32 crc = new CRC32();
        crc.update(all, (int) e.offset(), (int) e.length());
        return crc.getValue();
    }

    /** Encodes records as a segment, independently of SegmentWriter. */
    static byte[] encode(List<Rec> recs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Rec r : recs) {
            byte[] k = r.keyBytes();
            byte[] v = r.valueBytes();
            varint(out, k.length);
            varint(out, v.length);
            out.writeBytes(k);
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while (v >= 0x80) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    static List<Rec> sorted(List<Rec> recs) {
        List<Rec> s = new ArrayList<>(recs);
        s.sort(null);
        return s;
    }
}
