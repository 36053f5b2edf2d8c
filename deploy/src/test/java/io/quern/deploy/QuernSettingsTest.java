package io.quern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The settings of the real commands: which value wins, and the contract's one line and exit 2 when one is bad. */
class QuernSettingsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @Test
    void servers_takeEachSettingFromTheFlagElseTheEnvironmentElseTheFile() throws IOException {
        env.put("QUERN_CONF", conf("zk = zk1:2181,zk2:2181", "bind = 0.0.0.0", "worker.port = 7101",
                "worker.data-dir = /var/lib/quern/worker", "worker.slots = 2", "coordinator.port = 7070",
                "coordinator.data-dir = /var/lib/quern/coordinator").toString());
        env.put("QUERN_WORKER_SLOTS", "6");

        CommandSpec worker = parse("worker", "--port", "7200");
        assertThat((Object) value(worker, "--zk")).isEqualTo("zk1:2181,zk2:2181");
        assertThat((Object) value(worker, "--bind")).isEqualTo("0.0.0.0");
        assertThat((Object) value(worker, "--port")).as("the flag").isEqualTo(7200);
        assertThat((Object) value(worker, "--slots")).as("the environment").isEqualTo(6);
        assertThat((Object) value(worker, "--data-dir")).isEqualTo(Path.of("/var/lib/quern/worker"));
        assertThat((Object) value(worker, "--advertise")).as("set nowhere").isNull();

        CommandSpec coordinator = parse("coordinator");
        assertThat((Object) value(coordinator, "--port")).as("its own key, not the worker's").isEqualTo(7070);
        assertThat((Object) value(coordinator, "--data-dir")).isEqualTo(Path.of("/var/lib/quern/coordinator"));
    }

    @Test
    void jobDefaults_reachSubmitAndLocal() throws IOException {
        Path conf = conf("zk = zk1:2181", "reducers = 5", "split-size = 1m", "local.workers = 3",
                "submit.detach = true");
        CommandSpec submit = parse("submit", "--config", conf.toString(), "--job", "wordcount", "--input", "in",
                "--output", "out");
        assertThat((Object) value(submit, "--reducers")).isEqualTo(5);
        assertThat((Object) value(submit, "--split-size")).isEqualTo(1L << 20);
        assertThat((Object) value(submit, "--detach")).isEqualTo(true);

        CommandSpec local = parse("--config", conf.toString(), "local", "--job", "wordcount", "--input", "in",
                "--output", "out", "--reducers", "1");
        assertThat((Object) value(local, "--workers")).isEqualTo(3);
        assertThat((Object) value(local, "--reducers")).isEqualTo(1);
    }

    @Test
    void unknownKey_isOneLineWithExit2() throws IOException {
        Path conf = conf("zk = zk1:2181", "worker.slot = 2");
        assertBadInput(run("jobs", "--config", conf.toString()),
                "quern jobs: " + conf + " line 2: unknown setting 'worker.slot' (did you mean worker.slots?)");
    }

    @Test
    void badValueFromTheEnvironment_isOneLineWithExit2() {
        env.put("QUERN_WORKER_PORT", "http");
        assertBadInput(run("worker", "--zk", "zk1:2181", "--data-dir", dir.toString()),
                "quern worker: invalid QUERN_WORKER_PORT=http (environment): 'http' is not an int");
    }

    @Test
    void missingConfigFile_isOneLineWithExit2() {
        Path none = dir.resolve("quern.conf");
        assertBadInput(run("--config", none.toString(), "workers", "--zk", "zk1:2181"),
                "quern: config file " + none + " (--config) does not exist");
    }

    @Test
    void valueTheCommandRejects_namesWhereItCameFrom() throws IOException {
        Path conf = conf("local.workers = 0");
        assertBadInput(run("local", "--config", conf.toString(), "--job", "wordcount", "--input", "in",
                        "--output", "out"),
                "quern local: --workers must be at least 1, not 0; from local.workers = 0 (" + conf + " line 1)");
    }

    private CommandSpec parse(String... args) {
        return QuernMain.commandLine(env).parseArgs(args).subcommand().commandSpec();
    }

    private static <T> T value(CommandSpec command, String option) {
        return command.findOption(option).getValue();
    }

    private record Run(int exit, String err) {}

    private Run run(String... args) {
        CommandLine cl = QuernMain.commandLine(env);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    private static void assertBadInput(Run r, String line) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(line);
    }

    private Path conf(String... lines) throws IOException {
        return Files.write(Files.createTempFile(dir, "quern", ".conf"), List.of(lines));
    }
}
