package io.quern.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.worker.storage.DiskQuotaExceededException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {
    private static final String QUOTA = "worker w-1f2e3d4c: disk quota for intermediate data exceeded: "
            + "1.0 GiB in use of a 1.0 GiB quota, 64.0 MiB more needed";

    @Test
    void quotaExceededDeepInTheCauses_isReportedAsTheQuotasMessageAlone() {
        Throwable wrapped = new TaskFailedException("writing map output failed: x",
                new UncheckedIOException(new DiskQuotaExceededException(QUOTA)));
        assertThat(TaskExecutor.oneLine(wrapped)).isEqualTo(QUOTA);
        assertThat(TaskExecutor.oneLine(new DiskQuotaExceededException(QUOTA))).isEqualTo(QUOTA);
    }

    @Test
    void otherFailures_keepTheirMessage() {
        assertThat(TaskExecutor.oneLine(new TaskFailedException("mapper M threw x"))).isEqualTo("mapper M threw x");
        assertThat(TaskExecutor.oneLine(new IllegalStateException("boom")))
                .isEqualTo("java.lang.IllegalStateException: boom");
    }
}
