package io.quern.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitPointsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int partition(SplitPoints points, byte[] key) {
        return points.partition(key, 0, key.length);
    }

    @Test
    void aKeyEqualToAPoint_goesToThePartitionAfterIt() {
        SplitPoints points = new SplitPoints(List.of(b("g"), b("p")));
        assertThat(partition(points, b("a"))).isZero();
        assertThat(partition(points, b("f~~~"))).isZero();
        assertThat(partition(points, b("g"))).isEqualTo(1);
        assertThat(partition(points, b("o"))).isEqualTo(1);
        assertThat(partition(points, b("p"))).isEqualTo(2);
        assertThat(partition(points, b("zzz"))).isEqualTo(2);
        assertThat(partition(points, new byte[0])).as("the empty key is the smallest").isZero();
    }

    @Test
    void bytesCompareUnsigned_soHighBytesSortAfterAscii() {
        SplitPoints points = new SplitPoints(List.of(b("~")));
        assertThat(partition(points, new byte[] {(byte) 0xC3, (byte) 0xA9})).isEqualTo(1);
        assertThat(partition(points, b("}"))).isZero();
    }

    @Test
    void aKeyInsideABufferIsReadAtItsOffset() {
        SplitPoints points = new SplitPoints(List.of(b("m")));
        byte[] buffer = b("aaz--");
        assertThat(points.partition(buffer, 2, 1)).isEqualTo(1);
        assertThat(points.partition(buffer, 0, 2)).isZero();
    }

    @Test
    void noPoints_isOnePartition() {
        assertThat(partition(new SplitPoints(List.of()), b("anything"))).isZero();
    }

    @Test
    void pointsOutOfOrder_areRejected() {
        assertThatThrownBy(() -> new SplitPoints(List.of(b("b"), b("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split point 1 is smaller than the one before it");
    }

    @Test
    void partitionsPreserveOrder_andEachHoldsOnlyKeysWithinItsBounds() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            List<byte[]> pointList = new ArrayList<>();
            for (int i = 0, n = random.nextInt(0, 12); i < n; i++) {
                pointList.add(randomKey(random));
            }
            pointList.sort(Arrays::compareUnsigned);
            SplitPoints points = new SplitPoints(pointList);
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                keys.add(randomKey(random));
            }
            keys.addAll(pointList); // the bounds themselves
            keys.sort(Arrays::compareUnsigned);
            int previous = 0;
            for (byte[] k : keys) {
                int p = partition(points, k);
                assertThat(p).as("a larger key never goes to an earlier partition").isGreaterThanOrEqualTo(previous);
                assertThat(p).isBetween(0, points.size());
                if (p > 0) {
                    assertThat(Arrays.compareUnsigned(points.get(p - 1), k)).isLessThanOrEqualTo(0);
                }
                if (p < points.size()) {
                    assertThat(Arrays.compareUnsigned(k, points.get(p))).isLessThan(0);
                }
                previous = p;
            }
        }
    }

    @Test
    void equalPoints_areValueEqual() {
        assertThat(new SplitPoints(List.of(b("x")))).isEqualTo(new SplitPoints(List.of(b("x"))))
                .hasSameHashCodeAs(new SplitPoints(List.of(b("x"))));
    }

    private static byte[] randomKey(SplittableRandom random) {
        byte[] k = new byte[random.nextInt(0, 4)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) random.nextInt(0, 256);
        }
        return k;
    }
}
