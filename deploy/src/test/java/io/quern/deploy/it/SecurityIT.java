package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster of separate processes with a ZooKeeper identity ({@code --zk-auth-file}) and
 * allowed roots on the coordinator: jobs inside the roots run and are right, paths that escape are
 * refused at submit, and a client without the identity is refused by ZooKeeper.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecurityIT {
    private Path dir;
    private Path root;
    private Path books;
    private ProcessCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        root = Files.createDirectories(dir.resolve("shared"));
        books = root.resolve("books");
        WordCounts.writeText(books, 4, 2000, 11);
        Path auth = Files.writeString(dir.resolve("zk-auth"), "quern:pw-4711\n");
        cluster = new ProcessCluster(dir.resolve("cluster"), 2, 2, List.of("--zk-auth-file", auth.toString()),
                List.of("--allowed-roots", root.toString()));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        Quern.destroyAll();
    }

    @Test
    void wordcountInsideTheRoots_withZooKeeperAuth_matchesIndependentCount() throws Exception {
        Path out = root.resolve("out/wc");
        Quern.Result r = cluster.submit(Duration.ofMinutes(2), "--job", "wordcount", "--input", books.toString(),
                "--output", out.toString(), "--reducers", "2");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdoutLines().get(0)).matches("job job-\\d+ SUCCEEDED");
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 2)))
                .isEqualTo(WordCounts.sorted(WordCounts.reference(books)));
    }

    @Test
    void outputEscapingTheRootByDotDot_isRefusedWithExit2AndOneLine() throws Exception {
        String escape = root.resolve("out/../../escaped").toString();
        Quern.Result r = cluster.submit(Duration.ofSeconds(60), "--job", "wordcount", "--input", books.toString(),
                "--output", escape);

        // The client sends the path made absolute and normal.
        Quern.assertBadInput(r, "output " + dir.resolve("escaped") + " is outside the allowed roots " + root.toRealPath());
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void outputThroughASymlinkOutOfTheRoot_isRefusedWithExit2AndOneLine() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        Quern.Result r = cluster.submit(Duration.ofSeconds(60), "--job", "wordcount", "--input", books.toString(),
                "--output", link.resolve("wc").toString());

        Quern.assertBadInput(r, "resolves to " + outside.toRealPath().resolve("wc"));
        assertThat(outside.resolve("wc")).doesNotExist();
    }

    @Test
    void clientWithoutOrWithWrongZooKeeperAuth_isRefusedWithOneLine() throws Exception {
        Quern.Result none = Quern.run(Duration.ofSeconds(30), "jobs", "--zk", cluster.zk);
        Quern.Result wrong = Quern.run(Duration.ofSeconds(30), "workers", "--zk", cluster.zk,
                "--zk-auth", "quern:guess");

        Quern.assertBadInput(none, "refuses access to the cluster's znodes");
        Quern.assertBadInput(wrong, "--zk-auth for user quern is not the cluster's");
        assertThat(none.stderr() + wrong.stderr()).doesNotContain("pw-4711");
    }

    @Test
    void zooKeeperClientWithoutTheIdentity_canNeitherReadNorChangeTheClustersZnodes() throws Exception {
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(cluster.zk, new RetryOneTime(100))) {
            zk.start();
            assertThat(zk.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();

            for (String path : List.of("/quern", "/quern/workers", "/quern/coordinator/leader")) {
                assertThat(catchThrowable(() -> zk.getChildren().forPath(path))).as("list " + path)
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
            assertThat(catchThrowable(() -> zk.getData().forPath("/quern/coordinator/leader")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThat(catchThrowable(() -> zk.create().forPath("/quern/intruder")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThat(catchThrowable(() -> zk.delete().deletingChildrenIfNeeded().forPath("/quern")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }
}
