package io.quern.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfTest {
    @Test
    void compression_isTheDefaultUnlessSet_andNamedCaseInsensitively() {
        assertThat(EngineConf.compression(Map.of())).isEqualTo(EngineConf.DEFAULT_COMPRESSION);
        assertThat(EngineConf.compression(Map.of(EngineConf.COMPRESS, "none"))).isEqualTo(Compression.NONE);
        assertThat(EngineConf.compression(Map.of(EngineConf.COMPRESS, "LZ4"))).isEqualTo(Compression.LZ4);
        assertThat(EngineConf.compression(Map.of(EngineConf.COMPRESS, " zstd "))).isEqualTo(Compression.ZSTD);
    }

    @Test
    void unknownCompression_isRejectedAtValidation_namingTheKeyAndTheValue() {
        assertThatThrownBy(() -> EngineConf.validate(Map.of("quern.intermediate.compress", "gzip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quern.intermediate.compress: 'gzip' is not none, lz4 or zstd");
    }

    @Test
    void compressionIds_roundTrip_andUnknownIdsAreRejected() {
        for (Compression c : Compression.values()) {
            assertThat(Compression.ofId(c.id())).isEqualTo(c);
        }
        assertThatThrownBy(() -> Compression.ofId(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7");
    }
}
