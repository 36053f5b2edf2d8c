package io.quern.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SkewTest {

    @Test
    void noSkew_splitsEvenly_firstFilesTakingTheRemainder() {
        assertThat(Skew.NONE.fileShares(3, 10)).containsExactly(4, 3, 3);
        assertThat(Skew.NONE.fileShares(3, 11)).containsExactly(4, 4, 3);
        assertThat(Skew.NONE.fileShares(4, 16)).containsExactly(4, 4, 4, 4);
        assertThat(Skew.NONE.fileShares(1, 7)).containsExactly(7);
        assertThat(Skew.NONE.fileShares(3, 0)).containsExactly(0, 0, 0);
        for (int files = 1; files < 20; files++) {
            for (long total = 0; total < 50; total++) {
                long[] shares = Skew.NONE.fileShares(files, total);
                for (int i = 0; i < files; i++) {
                    assertThat(shares[i]).as(files + " files, " + total + " bytes, file " + i)
                            .isEqualTo(total / files + (i < total % files ? 1 : 0));
                }
            }
        }
    }

    @Test
    void fileFactor_makesTheFirstFileThatManyTimesEachOther_keepingTheTotal() {
        Skew skew = new Skew(10, Skew.DEFAULT_ZIPF_EXPONENT, 0);
        long total = 64L << 20;
        long[] shares = skew.fileShares(8, total);
        assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
        for (int i = 1; i < 8; i++) {
            assertThat((double) shares[0] / shares[i]).as("file 0 against file " + i).isCloseTo(10.0,
                    org.assertj.core.api.Assertions.within(0.001));
        }
        assertThat(new Skew(2.5, 1, 0).fileShares(2, 3_500)).containsExactly(2_500, 1_000);
        assertThat(skew.fileShares(1, 1_000)).containsExactly(1_000);
    }

    @Test
    void badValues_areRejectedWithTheirName() {
        assertThatThrownBy(() -> new Skew(0.5, 1, 0)).hasMessageContaining("file factor");
        assertThatThrownBy(() -> new Skew(Double.NaN, 1, 0)).hasMessageContaining("file factor");
        assertThatThrownBy(() -> new Skew(1, 0, 0)).hasMessageContaining("Zipf exponent");
        assertThatThrownBy(() -> new Skew(1, 1, 1.5)).hasMessageContaining("hot key share");
        assertThatThrownBy(() -> new Skew(1, 1, -0.1)).hasMessageContaining("hot key share");
        assertThatThrownBy(() -> Skew.NONE.fileShares(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Skew.NONE.fileShares(2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAChangedWordDistribution_skewsKeys() {
        assertThat(Skew.NONE.skewsKeys()).isFalse();
        assertThat(new Skew(10, Skew.DEFAULT_ZIPF_EXPONENT, 0).skewsKeys()).isFalse();
        assertThat(new Skew(1, 2, 0).skewsKeys()).isTrue();
        assertThat(new Skew(1, Skew.DEFAULT_ZIPF_EXPONENT, 0.6).skewsKeys()).isTrue();
    }
}
