package io.quern.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every codec round-trips its values, and the unsigned byte order of its encodings is the
 * contract's order for the type. The expected order is computed without the codecs: strings by
 * code point sequence, numbers by {@link Long#compare}, {@link Integer#compare},
 * {@link Double#compare}, byte arrays unsigned.
 */
class CodecsTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Code points from every UTF-8 length, including the boundaries of each length. */
    private static final int[] CODE_POINTS = {
        0x00, 0x01, 'A', 'z', 0x7F, // 1 byte
        0x80, 0xE9, 0x7FF, // 2 bytes
        0x800, 0x20AC, 0x5B57, 0xD7FF, 0xE000, 0xFB01, 0xFFFD, 0xFFFF, // 3 bytes, around the surrogates
        0x10000, 0x1D11E, 0x1F600, 0x10FFFF, // 4 bytes (supplementary: a surrogate pair in UTF-16)
    };

    // ---- String

    @Test
    void string_roundTripsAndSortsByCodePoint() {
        Random random = new Random(1);
        List<String> values = new ArrayList<>(List.of(
                "", "a", "ab", "abc", "b", "\u0000", "\u0000a", "é", "e\u0301", "€", "字", "\uE000", "\uFFFF",
                "😀", "𝄞", "a😀", "a\uE000", new String(Character.toChars(0x10FFFF))));
        for (int i = 0; i < 400; i++) {
            values.add(randomString(random, random.nextInt(6)));
        }
        assertRoundTripAndOrder(Codecs.STRING, values, CodecsTest::compareCodePoints, Objects::equals, s -> '"'
                + s + "\" " + Arrays.toString(s.codePoints().mapToObj(Integer::toHexString).toArray()));
    }

    @Test
    void string_supplementaryCodePointSortsAfterPrivateUseArea_unlikeStringCompareTo() {
        String privateUse = "\uE000"; // U+E000, one UTF-16 unit
        String emoji = "😀"; // U+1F600, the UTF-16 pair D83D DE00, which String.compareTo puts first
        assertThat(emoji.compareTo(privateUse))
                .as("premise: UTF-16 order puts the surrogate pair before U+E000")
                .isNegative();

        assertThat(Arrays.compareUnsigned(encode(Codecs.STRING, privateUse), encode(Codecs.STRING, emoji)))
                .as("U+E000 must sort before U+1F600 in code point order")
                .isNegative();
    }

    @Test
    void string_encodingIsStandardUtf8() {
        for (String s : List.of("", "plain ascii", "é€字😀", "mixed a€b😀c", "\u0000")) {
            assertThat(encode(Codecs.STRING, s))
                    .as("encoding of \"%s\"", s)
                    .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void string_unpairedSurrogateIsEncodedAsQuestionMark_likeGetBytes() {
        for (String lone : List.of("a\uD800b", "\uDC00", "é\uD83D")) {
            assertThat(encode(Codecs.STRING, lone))
                    .as("encoding of %s", lone.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(lone.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(decode(Codecs.STRING, encode(Codecs.STRING, "a\uD800b"))).isEqualTo("a?b");
    }

    @Test
    void string_longerThanInitialCapacity_growsTheBuffer() {
        String ascii = "x".repeat(1000);
        String mixed = "ab" + "😀é".repeat(500);
        for (String s : List.of(ascii, mixed)) {
            BytesOut out = new BytesOut(1);
            Codecs.STRING.encode(s, out);
            assertThat(Codecs.STRING.decode(out.array(), 0, out.size()))
                    .as("round trip of a %d-char string through a small buffer", s.length())
                    .isEqualTo(s);
        }
    }

    // ---- Long

    @Test
    void long_roundTripsAndSortsNumerically() {
        Random random = new Random(2);
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -256L, -255L, -1L, 0L, 1L,
                255L, 256L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        for (int i = 0; i < 300; i++) {
            values.add(random.nextLong());
            values.add((long) random.nextInt(1000) - 500);
        }
        assertRoundTripAndOrder(Codecs.LONG, values, Long::compare, Objects::equals, String::valueOf);
        assertThat(encode(Codecs.LONG, 0L)).hasSize(8);
    }

    @Test
    void long_decodeRejectsWrongLength() {
        assertThatThrownBy(() -> Codecs.LONG.decode(new byte[7], 0, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("corrupt Long: 7 bytes, expected 8");
    }

    // ---- Integer

    @Test
    void integer_roundTripsAndSortsNumerically() {
        Random random = new Random(3);
        List<Integer> values = new ArrayList<>(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65536, -1, 0, 1,
                127, 128, 65535, Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
        for (int i = 0; i < 300; i++) {
            values.add(random.nextInt());
            values.add(random.nextInt(1000) - 500);
        }
        assertRoundTripAndOrder(Codecs.INTEGER, values, Integer::compare, Objects::equals, String::valueOf);
        assertThat(encode(Codecs.INTEGER, 0)).hasSize(4);
    }

    @Test
    void integer_decodeRejectsWrongLength() {
        assertThatThrownBy(() -> Codecs.INTEGER.decode(new byte[8], 0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("corrupt Integer: 8 bytes, expected 4");
    }

    // ---- Double

    @Test
    void double_roundTripsAndSortsAsDoubleCompare() {
        Random random = new Random(4);
        double negativeNaN = Double.longBitsToDouble(0xFFF8_0000_0000_0001L);
        double otherNaN = Double.longBitsToDouble(0x7FF0_0000_0000_0001L);
        List<Double> values = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e300, -1.0,
                -Double.MIN_NORMAL, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0,
                Math.nextUp(1.0), 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, negativeNaN,
                otherNaN, (double) Long.MAX_VALUE, (double) Long.MIN_VALUE));
        for (int i = 0; i < 300; i++) {
            values.add(Double.longBitsToDouble(random.nextLong())); // every exponent, sign, now and then NaN
            values.add(random.nextGaussian() * 1000);
        }
        // Double.equals compares canonical bits: NaN equals NaN, -0.0 differs from 0.0.
        assertRoundTripAndOrder(Codecs.DOUBLE, values, Double::compare, Objects::equals,
                d -> d + " (bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + ")");
    }

    @Test
    void double_negativeZeroSortsBeforeZero_andNaNLast() {
        byte[] negZero = encode(Codecs.DOUBLE, -0.0);
        byte[] zero = encode(Codecs.DOUBLE, 0.0);
        byte[] nan = encode(Codecs.DOUBLE, Double.NaN);
        byte[] inf = encode(Codecs.DOUBLE, Double.POSITIVE_INFINITY);
        assertThat(Arrays.compareUnsigned(negZero, zero)).as("-0.0 vs 0.0").isNegative();
        assertThat(Arrays.compareUnsigned(inf, nan)).as("+inf vs NaN").isNegative();
        assertThat(decode(Codecs.DOUBLE, negZero)).as("sign of zero kept").isEqualTo(-0.0);
    }

    @Test
    void double_decodeRejectsWrongLength() {
        assertThatThrownBy(() -> Codecs.DOUBLE.decode(new byte[3], 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("corrupt Double: 3 bytes, expected 8");
    }

    // ---- byte[]

    @Test
    void bytes_roundTripAndSortUnsigned() {
        Random random = new Random(5);
        List<byte[]> values = new ArrayList<>(List.of(new byte[0], new byte[] {0}, new byte[] {0, 0},
                new byte[] {1}, new byte[] {0x7F}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[] {(byte) 0xFF, 0}, new byte[] {1, (byte) 0xFF}));
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[random.nextInt(5)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (random.nextBoolean() ? random.nextInt(256) : (random.nextBoolean() ? 0 : 0xFF));
            }
            values.add(b);
        }
        assertRoundTripAndOrder(Codecs.BYTES, values, CodecsTest::compareUnsignedIndependently, Arrays::equals,
                HEX::formatHex);
    }

    @Test
    void bytes_decodeCopiesTheRange() {
        byte[] buf = {9, 1, 2, 3, 9};
        byte[] decoded = Codecs.BYTES.decode(buf, 1, 3);
        buf[2] = 42;
        assertThat(decoded).as("decoded value must not alias the buffer").containsExactly(1, 2, 3);
    }

    // ---- shared behaviour

    @Test
    void encodingAppendsAfterExistingContent() {
        List<Object[]> cases = List.of(
                new Object[] {Codecs.STRING, "abc"}, new Object[] {Codecs.STRING, "a字😀"},
                new Object[] {Codecs.STRING, "é"}, new Object[] {Codecs.STRING, ""},
                new Object[] {Codecs.LONG, -2L}, new Object[] {Codecs.INTEGER, 77},
                new Object[] {Codecs.DOUBLE, -0.5}, new Object[] {Codecs.BYTES, new byte[] {(byte) 0xFF, 0}});
        byte[] prefix = "prefix-".repeat(3).getBytes(StandardCharsets.US_ASCII); // 21 bytes: past 16, mid-growth
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Codec<Object> codec = (Codec<Object>) c[0];
            Object value = c[1];
            BytesOut out = new BytesOut(16);
            out.write(prefix, 0, prefix.length);
            codec.encode(value, out);

            byte[] all = out.toByteArray();
            byte[] alone = encode(codec, value);
            assertThat(Arrays.copyOf(all, prefix.length))
                    .as("%s: existing content kept", codec.type().getSimpleName())
                    .isEqualTo(prefix);
            assertThat(Arrays.copyOfRange(all, prefix.length, all.length))
                    .as("%s: encoding appended after the existing content", codec.type().getSimpleName())
                    .isEqualTo(alone);
            Object decoded = codec.decode(out.array(), prefix.length, out.size() - prefix.length);
            assertThat(Objects.deepEquals(decoded, value))
                    .as("%s: decoded at an offset: %s", codec.type().getSimpleName(), decoded)
                    .isTrue();
        }
    }

    @Test
    void severalValuesInOneBuffer_decodeByTheirOffsets() {
        BytesOut out = new BytesOut();
        List<String> words = List.of("alpha", "", "βήτα", "😀😀", "z");
        int[] offsets = new int[words.size() + 1];
        for (int i = 0; i < words.size(); i++) {
            offsets[i] = out.size();
            Codecs.STRING.encode(words.get(i), out);
        }
        offsets[words.size()] = out.size();
        for (int i = 0; i < words.size(); i++) {
            assertThat(Codecs.STRING.decode(out.array(), offsets[i], offsets[i + 1] - offsets[i]))
                    .as("value %d", i)
                    .isEqualTo(words.get(i));
        }
    }

    @Test
    void reset_startsOverInTheSameBuffer() {
        BytesOut out = new BytesOut();
        Codecs.LONG.encode(1L, out);
        out.reset();
        Codecs.INTEGER.encode(5, out);
        assertThat(out.size()).isEqualTo(4);
        assertThat(out.toByteArray()).isEqualTo(encode(Codecs.INTEGER, 5));
    }

    @Test
    void forType_returnsTheCodecOfEachSupportedType() {
        assertThat(Codecs.forType(String.class)).isSameAs(Codecs.STRING);
        assertThat(Codecs.forType(Long.class)).isSameAs(Codecs.LONG);
        assertThat(Codecs.forType(Integer.class)).isSameAs(Codecs.INTEGER);
        assertThat(Codecs.forType(Double.class)).isSameAs(Codecs.DOUBLE);
        assertThat(Codecs.forType(byte[].class)).isSameAs(Codecs.BYTES);
        for (Class<?> t : List.of(String.class, Long.class, Integer.class, Double.class, byte[].class)) {
            assertThat(Codecs.forType(t).type()).as("type() of the codec for %s", t).isEqualTo(t);
        }
    }

    @Test
    void forType_rejectsUnsupportedTypes() {
        for (Class<?> t : List.of(Object.class, long.class, Short.class, Float.class, BigInteger.class,
                Byte[].class, List.class)) {
            assertThatThrownBy(() -> Codecs.forType(t))
                    .as("codec for %s", t)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no codec for type " + t.getTypeName());
        }
    }

    // ---- helpers

    private static <T> void assertRoundTripAndOrder(Codec<T> codec, List<T> values, Comparator<T> contractOrder,
                                                    BiPredicate<T, T> sameValue, Function<T, String> show) {
        List<byte[]> encoded = new ArrayList<>();
        List<String> badRoundTrips = new ArrayList<>();
        for (T v : values) {
            byte[] e = encode(codec, v);
            encoded.add(e);
            T back = decode(codec, e);
            if (!sameValue.test(back, v)) {
                badRoundTrips.add(show.apply(v) + " came back as " + show.apply(back));
            }
        }
        assertThat(badRoundTrips).as("values that do not survive encode/decode").isEmpty();

        List<String> misordered = new ArrayList<>();
        for (int i = 0; i < values.size() && misordered.size() < 20; i++) {
            for (int j = 0; j < values.size() && misordered.size() < 20; j++) {
                int expected = Integer.signum(contractOrder.compare(values.get(i), values.get(j)));
                int actual = Integer.signum(Arrays.compareUnsigned(encoded.get(i), encoded.get(j)));
                if (expected != actual) {
                    misordered.add(show.apply(values.get(i)) + " vs " + show.apply(values.get(j)) + ": expected "
                            + expected + ", encodings " + HEX.formatHex(encoded.get(i)) + " vs "
                            + HEX.formatHex(encoded.get(j)) + " give " + actual);
                }
            }
        }
        assertThat(misordered).as("pairs whose encoding order is not the contract order").isEmpty();
    }

    private static <T> byte[] encode(Codec<T> codec, T value) {
        BytesOut out = new BytesOut();
        codec.encode(value, out);
        return out.toByteArray();
    }

    private static <T> T decode(Codec<T> codec, byte[] encoded) {
        // Decode from the middle of a larger array so that offsets are exercised.
        byte[] padded = new byte[encoded.length + 6];
        Arrays.fill(padded, (byte) 0xAA);
        System.arraycopy(encoded, 0, padded, 3, encoded.length);
        return codec.decode(padded, 3, encoded.length);
    }

    private static String randomString(Random random, int codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int cp = random.nextInt(4) == 0
                    ? CODE_POINTS[random.nextInt(CODE_POINTS.length)]
                    : randomCodePoint(random);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static int randomCodePoint(Random random) {
        while (true) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                return cp;
            }
        }
    }

    /** Code point order, shorter first on a common prefix; deliberately not {@link String#compareTo}. */
    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static int compareUnsignedIndependently(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Integer.compare(a[i] & 0xFF, b[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
