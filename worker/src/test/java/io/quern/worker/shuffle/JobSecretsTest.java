package io.quern.worker.shuffle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.security.ShuffleSecret;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class JobSecretsTest {
    private final SecureRandom random = new SecureRandom();
    private final ShuffleSecret secret = ShuffleSecret.random(random);
    private final JobSecrets secrets = new JobSecrets();

    @Test
    void requestSignedWithTheJobsSecret_passes() {
        secrets.record("job-1", secret);

        assertThatCode(() -> secrets.check("job-1", 3, 0, 2, ShuffleAuth.sign(secret, "job-1", 3, 0, 2)))
                .doesNotThrowAnyException();
    }

    @Test
    void requestWithoutASignature_isDenied() {
        secrets.record("job-1", secret);

        assertThatThrownBy(() -> secrets.check("job-1", 3, 0, 2, new byte[0]))
                .isInstanceOf(ShuffleDeniedException.class).hasMessageContaining("carries no signature");
    }

    @Test
    void requestSignedWithAnotherJobsSecret_orForAnotherSegment_isDenied() {
        ShuffleSecret other = ShuffleSecret.random(random);
        secrets.record("job-1", secret);
        secrets.record("job-2", other);

        assertThatThrownBy(() -> secrets.check("job-1", 3, 0, 2, ShuffleAuth.sign(other, "job-1", 3, 0, 2)))
                .isInstanceOf(ShuffleDeniedException.class).hasMessageContaining("not signed with that job's secret");
        assertThatThrownBy(() -> secrets.check("job-1", 3, 0, 1, ShuffleAuth.sign(secret, "job-1", 3, 0, 2)))
                .as("a signature is good for its own segment only").isInstanceOf(ShuffleDeniedException.class);
    }

    @Test
    void aJobsFirstSecretStays_andIsForgottenWithTheJob() {
        secrets.record("job-1", secret);
        secrets.record("job-1", ShuffleSecret.random(random));

        assertThatCode(() -> secrets.check("job-1", 0, 0, 0, ShuffleAuth.sign(secret, "job-1", 0, 0, 0)))
                .doesNotThrowAnyException();
        secrets.forget("job-1");
        org.assertj.core.api.Assertions.assertThat(secrets.of("job-1")).isEmpty();
    }
}
