package io.quern.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnsembleTest {

    @Test
    void parse_numbersMembersInListOrder() {
        Ensemble e = Ensemble.parse("zk1:2888:3888,zk2:2888:3888,zk3:2889:3889");

        assertThat(e.members()).containsExactly(new Ensemble.Member(1, "zk1", 2888, 3888),
                new Ensemble.Member(2, "zk2", 2888, 3888), new Ensemble.Member(3, "zk3", 2889, 3889));
        assertThat(e.member(2).serverLine()).isEqualTo("zk2:2888:3888");
    }

    @Test
    void parse_takesGivenIds_andBracketedIpv6() {
        Ensemble e = Ensemble.parse("7=10.0.0.7:2888:3888,9=[fd00::9]:2888:3888");

        assertThat(e.member(9)).isEqualTo(new Ensemble.Member(9, "[fd00::9]", 2888, 3888));
        assertThat(e.member(9).address()).isEqualTo("fd00::9");
        assertThat(e.member(7).address()).isEqualTo("10.0.0.7");
    }

    @Test
    void parse_allowsOneHostWithDistinctPorts() {
        Ensemble e = Ensemble.parse("127.0.0.1:2888:3888,127.0.0.1:2889:3889,127.0.0.1:2890:3890");

        assertThat(e.members()).hasSize(3);
        assertThatCode(e::checkReachable).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | --ensemble is empty",
        "zk1:2888,zk2:2888:3888 | --ensemble: 'zk1:2888' is not [ID=]HOST:QUORUM_PORT:ELECTION_PORT",
        "zk1:2888:3888:1,zk2:2888:3888 | --ensemble: 'zk1:2888:3888:1' is not [ID=]HOST:QUORUM_PORT:ELECTION_PORT",
        "zk1:2888:3888, | --ensemble: '' is not [ID=]HOST:QUORUM_PORT:ELECTION_PORT",
        "zk1:28x8:3888,zk2:2888:3888 | --ensemble: bad port in 'zk1:28x8:3888'",
        "zk1:2888:0,zk2:2888:3888 | --ensemble: bad port in 'zk1:2888:0'",
        "zk1:2888:65536,zk2:2888:3888 | --ensemble: bad port in 'zk1:2888:65536'",
        "0=zk1:2888:3888,1=zk2:2888:3888 | --ensemble: bad id in '0=zk1:2888:3888' (ids are 1 to 255)",
        "256=zk1:2888:3888,1=zk2:2888:3888 | --ensemble: bad id in '256=zk1:2888:3888' (ids are 1 to 255)",
        "1=zk1:2888:3888,zk2:2888:3888 | --ensemble: give every member an id, or none",
        "2=zk1:2888:3888,2=zk2:2888:3888 | --ensemble: id 2 is given twice",
        "zk1:2888:3888,zk1:3888:3889 | --ensemble: zk1:3888 is used twice",
        "zk1:2888:3888 | --ensemble: 'zk1:2888:3888' has one member; a single server runs without --ensemble",
    })
    void parse_rejectsABadSpec_inOneLine(String spec, String message) {
        assertThatThrownBy(() -> Ensemble.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void member_namesTheIdsThatExist() {
        Ensemble e = Ensemble.parse("zk1:2888:3888,zk2:2888:3888,zk3:2888:3888");

        assertThatThrownBy(() -> e.member(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--id 4 is not in --ensemble (its ids: 1, 2, 3)");
    }

    @Test
    void checkReachable_refusesLoopbackMixedWithOtherHosts() {
        Ensemble e = Ensemble.parse("127.0.0.1:2888:3888,198.18.0.12:2888:3888,198.18.0.13:2888:3888");

        assertThatThrownBy(e::checkReachable).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--ensemble mixes loopback 127.0.0.1 (member 1) with 198.18.0.12 (member 2): members on"
                        + " other hosts could not reach a loopback address");
    }
}
