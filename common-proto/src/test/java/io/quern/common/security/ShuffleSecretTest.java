package io.quern.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ShuffleSecretTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void signature_verifiesUnderTheSameSecret_andTheSameMessageOnly() {
        ShuffleSecret secret = ShuffleSecret.random(random);
        byte[] mac = secret.sign("job-1/m-3_0/p2");

        assertThat(secret.verify("job-1/m-3_0/p2", mac)).isTrue();
        assertThat(secret.verify("job-1/m-3_0/p3", mac)).as("another partition").isFalse();
        assertThat(ShuffleSecret.random(random).verify("job-1/m-3_0/p2", mac)).as("another job's secret").isFalse();
    }

    @Test
    void verify_refusesAMissingTruncatedOrAlteredSignature() {
        ShuffleSecret secret = ShuffleSecret.random(random);
        byte[] mac = secret.sign("m");
        byte[] lastByteWrong = mac.clone();
        lastByteWrong[lastByteWrong.length - 1] ^= 1;

        assertThat(secret.verify("m", null)).isFalse();
        assertThat(secret.verify("m", new byte[0])).isFalse();
        assertThat(secret.verify("m", java.util.Arrays.copyOf(mac, 16))).isFalse();
        assertThat(secret.verify("m", lastByteWrong)).isFalse();
    }

    @Test
    void secrets_areRandom256Bits_andSurviveTheirBytes() {
        ShuffleSecret a = ShuffleSecret.random(random);

        assertThat(a.bytes()).hasSize(32);
        assertThat(ShuffleSecret.of(a.bytes())).isEqualTo(a);
        assertThat(ShuffleSecret.random(random)).isNotEqualTo(a);
        assertThatThrownBy(() -> ShuffleSecret.of(new byte[16])).hasMessageContaining("32 bytes");
    }

    @Test
    void toString_neverShowsTheSecret() {
        ShuffleSecret a = ShuffleSecret.random(random);

        assertThat(a.toString()).doesNotContain(HexFormat.of().formatHex(a.bytes())).contains("hidden");
    }
}
