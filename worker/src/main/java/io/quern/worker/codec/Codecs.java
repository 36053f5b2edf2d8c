package io.quern.worker.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The built-in codecs, one per supported key/value type. */
public final class Codecs {
    private Codecs() {}

    public static final Codec<String> STRING = new StringCodec();
    public static final Codec<Long> LONG = new LongCodec();
    public static final Codec<Integer> INTEGER = new IntegerCodec();
    public static final Codec<Double> DOUBLE = new DoubleCodec();
    public static final Codec<byte[]> BYTES = new BytesCodec();

    /** The codec for {@code type}; throws {@link IllegalArgumentException} for an unsupported type. */
    @SuppressWarnings("unchecked")
    public static <T> Codec<T> forType(Class<T> type) {
        Codec<?> c;
        if (type == String.class) {
            c = STRING;
        } else if (type == Long.class) {
            c = LONG;
        } else if (type == Integer.class) {
            c = INTEGER;
        } else if (type == Double.class) {
            c = DOUBLE;
        } else if (type == byte[].class) {
            c = BYTES;
        } else {
            throw new IllegalArgumentException("no codec for type " + type.getTypeName());
        }
        return (Codec<T>) c;
    }

    /**
     * UTF-8, whose unsigned byte order is code point order. An unpaired surrogate becomes {@code '?'},
     * as {@link String#getBytes} makes it. Encodes straight into the buffer: no intermediate array.
     */
    private static final class StringCodec implements Codec<String> {
        @Override
        public void encode(String s, BytesOut out) {
            int n = s.length();
            out.ensure(n * 3);
            byte[] b = out.array();
            int p = out.size();
            int i = 0;
            for (; i < n; i++) { // ASCII fast path
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[p++] = (byte) c;
            }
            if (i < n) {
                out.advance(p - out.size());
                byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
                out.write(rest, 0, rest.length);
                return;
            }
            out.advance(p - out.size());
        }

        @Override
        public String decode(byte[] buf, int off, int len) {
            return new String(buf, off, len, StandardCharsets.UTF_8);
        }

        @Override
        public Class<String> type() {
            return String.class;
        }
    }

    /** Big-endian two's complement with the sign bit flipped: unsigned order = signed numeric order. */
    private static final class LongCodec implements Codec<Long> {
        @Override
        public void encode(Long v, BytesOut out) {
            putLong(v ^ Long.MIN_VALUE, out);
        }

        @Override
        public Long decode(byte[] buf, int off, int len) {
            checkLength(len, 8, "Long");
            return getLong(buf, off) ^ Long.MIN_VALUE;
        }

        @Override
        public Class<Long> type() {
            return Long.class;
        }
    }

    private static final class IntegerCodec implements Codec<Integer> {
        @Override
        public void encode(Integer v, BytesOut out) {
            int x = v ^ Integer.MIN_VALUE;
            out.ensure(4);
            byte[] b = out.array();
            int p = out.size();
            b[p] = (byte) (x >>> 24);
            b[p + 1] = (byte) (x >>> 16);
            b[p + 2] = (byte) (x >>> 8);
            b[p + 3] = (byte) x;
            out.advance(4);
        }

        @Override
        public Integer decode(byte[] buf, int off, int len) {
            checkLength(len, 4, "Integer");
            int x = ((buf[off] & 0xff) << 24) | ((buf[off + 1] & 0xff) << 16)
                    | ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
            return x ^ Integer.MIN_VALUE;
        }

        @Override
        public Class<Integer> type() {
            return Integer.class;
        }
    }

    /**
     * IEEE 754 bits, all flipped for negatives and only the sign flipped otherwise: unsigned order is
     * numeric order, with -0.0 before 0.0 and NaN last (as {@link Double#compare}).
     */
    private static final class DoubleCodec implements Codec<Double> {
        @Override
        public void encode(Double v, BytesOut out) {
            long bits = Double.doubleToLongBits(v);
            putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE, out);
        }

        @Override
        public Double decode(byte[] buf, int off, int len) {
            checkLength(len, 8, "Double");
            long x = getLong(buf, off);
            return Double.longBitsToDouble(x < 0 ? x ^ Long.MIN_VALUE : ~x);
        }

        @Override
        public Class<Double> type() {
            return Double.class;
        }
    }

    /** The bytes themselves. */
    private static final class BytesCodec implements Codec<byte[]> {
        @Override
        public void encode(byte[] v, BytesOut out) {
            out.write(v, 0, v.length);
        }

        @Override
        public byte[] decode(byte[] buf, int off, int len) {
            return Arrays.copyOfRange(buf, off, off + len);
        }

        @Override
        public Class<byte[]> type() {
            return byte[].class;
        }
    }

    private static void putLong(long x, BytesOut out) {
        out.ensure(8);
        byte[] b = out.array();
        int p = out.size();
        for (int i = 7; i >= 0; i--) {
            b[p + i] = (byte) x;
            x >>>= 8;
        }
        out.advance(8);
    }

    private static long getLong(byte[] b, int off) {
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (b[off + i] & 0xff);
        }
        return x;
    }

    private static void checkLength(int len, int expected, String type) {
        if (len != expected) {
            throw new IllegalArgumentException("corrupt " + type + ": " + len + " bytes, expected " + expected);
        }
    }
}
