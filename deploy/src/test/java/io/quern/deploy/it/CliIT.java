package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a cluster: help, usage errors, an unreachable cluster. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliIT {
    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        Quern.destroyAll();
    }

    @Test
    void unreachableZooKeeper_exitsWithCode3WithinSeconds() throws Exception {
        int port = ProcessCluster.freePort(); // nothing listens there
        Quern.Result r = Quern.run(Duration.ofSeconds(30), "submit", "--zk", "127.0.0.1:" + port, "--job",
                "wordcount", "--input", dir.toString(), "--output", dir.resolve("out").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
        assertThat(r.stderr().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.stderr()).contains("ZooKeeper").doesNotContain("\tat ");
        for (String cmd : new String[] {"jobs", "workers"}) {
            Quern.Result other = Quern.run(Duration.ofSeconds(30), cmd, "--zk", "127.0.0.1:" + port);
            assertThat(other.exit()).as(other.toString()).isEqualTo(3);
        }
    }

    @Test
    void everySubcommand_hasHelp() throws Exception {
        for (String cmd : new String[] {"local", "zookeeper", "coordinator", "worker", "submit", "status", "jobs",
            "kill", "workers", "example-data", "sort-rows", "sort-validate", "certs"}) {
            Quern.Result r = Quern.run(Duration.ofSeconds(30), cmd, "--help");
            assertThat(r.exit()).as(cmd + ": " + r).isZero();
            assertThat(r.stdout()).as(cmd).contains("Usage: quern " + cmd);
        }
    }

    @Test
    void usageMistakes_areOneLineAndExit2() throws Exception {
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "frobnicate"), "frobnicate");
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30)), "missing a command");
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "submit", "--job", "wordcount"), "--zk");
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "submit", "--zk", "nonsense", "--job",
                "wordcount", "--input", "x", "--output", "y"), "--zk");
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "local", "--jar", dir.resolve("a.jar").toString(),
                "--input", "x", "--output", "y"), "--mapper");
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "local", "--job", "wordcount", "--input", "x",
                "--output", "y", "--split-size", "lots"), "split-size");
    }

    @Test
    void zookeeperEnsembleMistakes_areOneLineAndExit2() throws Exception {
        String zk = dir.resolve("zk-bad").toString();
        String three = "198.18.0.11:2888:3888,198.18.0.12:2888:3888,198.18.0.13:2888:3888";
        Quern.assertBadInput(zookeeper(zk, "--ensemble", three), "--ensemble needs --id");
        Quern.assertBadInput(zookeeper(zk, "--id", "1"), "--id needs --ensemble");
        Quern.assertBadInput(zookeeper(zk, "--ensemble", three, "--id", "4"), "--id 4 is not in --ensemble");
        Quern.assertBadInput(zookeeper(zk, "--ensemble", "198.18.0.11:2888,198.18.0.12:2888:3888", "--id", "1"),
                "'198.18.0.11:2888' is not [ID=]HOST:QUORUM_PORT:ELECTION_PORT");
        Quern.assertBadInput(zookeeper(zk, "--ensemble", "zk1:2888:38x8,zk2:2888:3888", "--id", "1"), "bad port");
        Quern.assertBadInput(zookeeper(zk, "--ensemble", "127.0.0.1:2888:3888,198.18.0.12:2888:3888", "--id", "1"),
                "mixes loopback");
        // 192.0.2.0/24 is reserved for documentation: never an address of this host
        Quern.assertBadInput(zookeeper(zk, "--ensemble", "192.0.2.1:2888:3888,192.0.2.2:2888:3888", "--id", "1"),
                "is not an address of this host");
        assertThat(dir.resolve("zk-bad")).as("nothing written for a bad spec").doesNotExist();
    }

    @Test
    void loopbackAdvertiseOthersCouldNotReach_isOneLineAndExit2() throws Exception {
        // 192.0.2.7 (documentation range) stands for a ZooKeeper on another host
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "worker", "--zk", "192.0.2.7:2181", "--port", "0",
                "--data-dir", dir.resolve("w-remote-zk").toString()), "ZooKeeper at 192.0.2.7 is on another host");
        Quern.assertBadInput(Quern.run(Duration.ofSeconds(30), "coordinator", "--zk", "127.0.0.1:2181", "--port", "0",
                "--bind", "0.0.0.0", "--advertise", "127.0.0.1", "--data-dir", dir.resolve("c-wild").toString()),
                "advertising 127.0.0.1, a loopback address, while listening on 0.0.0.0");
    }

    private static Quern.Result zookeeper(String dataDir, String... args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("zookeeper", "--port", "2181",
                "--data-dir", dataDir));
        all.addAll(java.util.List.of(args));
        return Quern.run(Duration.ofSeconds(30), all.toArray(String[]::new));
    }
}
