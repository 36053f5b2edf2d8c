package io.quern.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals only, so nothing here asks a name server. */
class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "::1", "[::1]"})
    void isLoopback_forLoopbackLiterals(String host) {
        assertThat(Addresses.isLoopback(host)).as(host).isTrue();
        assertThat(Addresses.isLocal(host)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.0.5", "10.1.2.3", "0.0.0.0", "::", "fd00::1"})
    void isLoopback_notForOtherLiterals(String host) {
        assertThat(Addresses.isLoopback(host)).as(host).isFalse();
    }

    @Test
    void isWildcard_forTheAnyAddresses() {
        assertThat(Addresses.isWildcard("0.0.0.0")).isTrue();
        assertThat(Addresses.isWildcard("::")).isTrue();
        assertThat(Addresses.isWildcard("127.0.0.1")).isFalse();
    }

    @Test
    void zkHosts_dropsPortsChrootAndBrackets() {
        assertThat(Addresses.zkHosts("zk1:2181,10.0.0.2:2182,[fd00::3]:2181/quern"))
                .containsExactly("zk1", "10.0.0.2", "fd00::3");
    }

    @Test
    void loopbackAdvertise_isFineWhenEverythingIsOnLoopback() {
        assertThat(Addresses.loopbackAdvertiseProblem("127.0.0.1", "127.0.0.1", "127.0.0.1:2181")).isEmpty();
    }

    @Test
    void nonLoopbackAdvertise_isNeverAProblem() {
        assertThat(Addresses.loopbackAdvertiseProblem("198.18.0.5", "0.0.0.0", "198.18.0.2:2181")).isEmpty();
    }

    @Test
    void loopbackAdvertise_whileListeningElsewhere_isRefused() {
        assertThat(Addresses.loopbackAdvertiseProblem("127.0.0.1", "0.0.0.0", "127.0.0.1:2181")).hasValue(
                "advertising 127.0.0.1, a loopback address, while listening on 0.0.0.0: nodes on other hosts could"
                        + " not reach this one; give --advertise an address they can reach");
    }

    @Test
    void loopbackAdvertise_withZooKeeperOnAnotherHost_isRefused() {
        // 192.0.2.0/24 is reserved for documentation: never an address of this host
        assertThat(Addresses.loopbackAdvertiseProblem("127.0.0.1", "127.0.0.1", "127.0.0.1:2181,192.0.2.7:2181"))
                .hasValue("advertising 127.0.0.1, a loopback address, while ZooKeeper at 192.0.2.7 is on another host:"
                        + " nodes there could not reach this one; give --bind and --advertise an address they can"
                        + " reach");
    }
}
