package io.quern.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The distribution as a user gets it: the tarball that the build made, unpacked elsewhere and run from there. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DistributionIT {
    private static final Path TARBALL = Path.of(System.getProperty("quern.distribution",
            Quern.ROOT.resolve("deploy/target/quern-0.1.0-SNAPSHOT.tar.gz").toString()));
    private static final String VERSION = System.getProperty("quern.version", "0.1.0-SNAPSHOT");
    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** The unpacked distribution, fresh for every test. */
    private Path home;
    private Path bin;

    @BeforeEach
    void unpack() throws Exception {
        assertThat(TARBALL).as("built by mvn package").isRegularFile();
        Process tar = new ProcessBuilder("tar", "xzf", TARBALL.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
        home = dir.resolve("quern-" + VERSION);
        bin = home.resolve("bin/quern");
    }

    @AfterAll
    static void cleanUp() {
        Quern.destroyAll();
    }

    @Test
    void tarball_holdsTheLauncherLibrariesConfigUnitsAndReadme() throws Exception {
        assertThat(bin).isExecutable().hasSameTextualContentAs(Quern.BIN);
        assertThat(home.resolve("lib/deploy-" + VERSION + ".jar")).isRegularFile();
        assertThat(home.resolve("lib/picocli-4.7.6.jar")).isRegularFile();
        assertThat(home.resolve("conf/quern.conf")).content().contains("#zk = ");
        assertThat(home.resolve("README")).content().contains("docs/deploy.md");
        for (String role : List.of("zookeeper", "coordinator", "worker")) {
            assertThat(home.resolve("systemd/quern-" + role + ".service")).content()
                    .contains("ExecStart=/opt/quern/bin/quern " + role + "\n", "User=quern\n", "Restart=on-failure\n",
                            "QUERN_CONF=/etc/quern/quern.conf\n");
        }
    }

    @Test
    void unpacked_answersHelpAndVersion_calledThroughASymbolicLinkToo() throws Exception {
        Quern.Result help = Quern.run(bin, QUICK, "--help");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.stdout()).contains("Usage: quern", "local", "worker", "--config=FILE");

        Quern.Result version = Quern.run(bin, QUICK, "--version");
        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.stdout().strip()).isEqualTo("quern " + VERSION);

        Path link = Files.createSymbolicLink(dir.resolve("quern"), bin);
        Quern.Result linked = Quern.run(link, QUICK, "worker", "--version");
        assertThat(linked.stdout().strip()).as(linked.toString()).isEqualTo("quern " + VERSION);
    }

    @Test
    void unpacked_runsWordCountWithTheSettingsOfItsOwnConfigFile() throws Exception {
        Path text = dir.resolve("text");
        WordCounts.writeText(text, 3, 400, 7);
        Path cluster = dir.resolve("cluster");
        Files.write(home.resolve("conf/quern.conf"), List.of("# read because bin/quern sets QUERN_HOME",
                "local.workers = 1", "local.slots = 1", "local.data-dir = " + cluster, "reducers = 3"));
        Path out = dir.resolve("out");

        Quern.Result r = Quern.run(bin, Duration.ofMinutes(2), "local", "--job", "wordcount", "--input",
                text.toString(), "--output", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).contains("1 workers with 1 slot each; logs in " + cluster);
        assertThat(WordCounts.sorted(WordCounts.readOutput(out, 3))).as("three part files: reducers from the file")
                .isEqualTo(WordCounts.sorted(WordCounts.reference(text)));
    }

    @Test
    void unpacked_rejectsAMisspeltSettingInOneLine() throws Exception {
        Path conf = Files.write(dir.resolve("site.conf"), List.of("zk = 127.0.0.1:1", "local.worker = 2"));
        Quern.assertBadInput(Quern.run(bin, QUICK, "--config", conf.toString(), "jobs"),
                "line 2: unknown setting 'local.worker' (did you mean local.workers?)");
    }
}
