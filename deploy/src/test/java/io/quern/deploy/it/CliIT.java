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
            "kill", "workers", "example-data", "sort-rows", "sort-validate"}) {
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
}
