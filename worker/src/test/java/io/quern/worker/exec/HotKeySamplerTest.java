package io.quern.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quern.common.job.KeyCount;
import io.quern.worker.codec.BytesOut;
import io.quern.worker.codec.Codecs;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HotKeySamplerTest {
    private final HotKeySampler sampler = new HotKeySampler();
    private final BytesOut out = new BytesOut();

    @Test
    void zipfStream_heaviestKeysComeFirst_withCountsCloseToTheTruth() {
        Random random = new Random(11);
        int keys = 10_000;
        double[] cumulative = new double[keys];
        double sum = 0;
        for (int r = 0; r < keys; r++) {
            sum += 1.0 / (r + 1);
            cumulative[r] = sum;
        }
        Map<String, Long> truth = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String key;
            if (random.nextInt(2) == 0) {
                key = "the";
            } else {
                int rank = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                key = "k" + (rank < 0 ? -rank - 1 : rank);
            }
            truth.merge(key, 1L, Long::sum);
            offer(key);
        }
        List<KeyCount> hot = sampler.heaviest(Codecs.STRING);

        assertThat(hot).hasSize(HotKeySampler.REPORTED)
                .isSortedAccordingTo(Comparator.comparingLong(KeyCount::count).reversed());
        assertThat(hot.get(0).key()).isEqualTo("the");
        assertThat((double) hot.get(0).count()).isCloseTo(truth.get("the"), within(0.02 * truth.get("the")));
        assertThat(hot.get(1).key()).as("the heaviest of the Zipf keys").isEqualTo("k0");
        assertThat((double) hot.get(1).count()).isCloseTo(truth.get("k0"), within(0.25 * truth.get("k0")));
    }

    @Test
    void keysAreShownAsText_cutTo100Characters() {
        String longKey = "x".repeat(300);
        for (int i = 0; i < 3 * HotKeySampler.STRIDE; i++) {
            offer(i % 2 == 0 ? longKey : "short");
        }
        assertThat(sampler.heaviest(Codecs.STRING))
                .containsExactly(new KeyCount("x".repeat(HotKeySampler.MAX_KEY_CHARS), 3L * HotKeySampler.STRIDE));
    }

    @Test
    void theFirstRecordIsSampled_soASmallOutputStillHasItsKey() {
        offer("only");
        assertThat(sampler.heaviest(Codecs.STRING)).containsExactly(new KeyCount("only", HotKeySampler.STRIDE));
    }

    private void offer(String key) {
        out.reset();
        Codecs.STRING.encode(key, out);
        sampler.offer(out.array(), 0, out.size());
    }
}
