package io.quern.common.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only {@code validate}: connecting needs a server and belongs to the integration tests. */
class ZkConnectionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "localhost:2181",
        "127.0.0.1:1",
        "zk1:2181,zk2:2182,zk3:65535",
        "zk1.example.com:2181/quern",
        "zk1:2181,zk2:2181/apps/quern",
        "zk1:2181/",
        "[::1]:2181",
    })
    void validate_acceptsHostPortListsWithOptionalChroot(String connect) {
        assertThatCode(() -> ZkConnections.validate(connect)).as(connect).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void validate_rejectsAnEmptyString(String connect) {
        assertThatThrownBy(() -> ZkConnections.validate(connect))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--zk is empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost | localhost",
        "localhost:2181,zk2 | zk2",
        ":2181 | :2181",
        "localhost: | localhost:",
        "zk1:2181, | ''",
        "zk1:2181,,zk2:2181 | ''",
        "/quern | ''",
    })
    void validate_rejectsAnEntryWithoutHostOrPort_namingIt(String connect, String entry) {
        assertThatThrownBy(() -> ZkConnections.validate(connect))
                .as(connect)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--zk: '" + entry + "' is not host:port");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:abc | localhost:abc",
        "localhost:0 | localhost:0",
        "localhost:65536 | localhost:65536",
        "localhost:-1 | localhost:-1",
        "localhost:99999999999 | localhost:99999999999",
        "zk1:2181,zk2:21x1/quern | zk2:21x1",
    })
    void validate_rejectsABadPort_namingTheEntry(String connect, String entry) {
        assertThatThrownBy(() -> ZkConnections.validate(connect))
                .as(connect)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--zk: bad port in '" + entry + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zk1:2181/quern/ | /quern/",
        "zk1:2181/a//b | /a//b",
        "zk1:2181// | //",
    })
    void validate_rejectsABadChroot(String connect, String chroot) {
        assertThatThrownBy(() -> ZkConnections.validate(connect))
                .as(connect)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--zk: bad chroot '" + chroot + "'");
    }
}
