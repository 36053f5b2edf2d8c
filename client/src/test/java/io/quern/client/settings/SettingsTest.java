package io.quern.client.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.client.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Where options get their values, on a small command tree of its own: the rule is the same for
 * every option, so these options stand for the real ones and for any added later.
 */
class SettingsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @Command(name = "quern", subcommands = {Serve.class, Ask.class, Tool.class})
    static final class Root implements Runnable {
        @Override
        public void run() {}
    }

    @Command(name = "serve", mixinStandardHelpOptions = true)
    static final class Serve implements Callable<Integer> {
        @Option(names = "--zk", required = true)
        String zk;

        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address (default: ${DEFAULT-VALUE})")
        String bind;

        @Option(names = "--slots")
        Integer slots;

        @Option(names = "--verbose")
        boolean verbose;

        @Option(names = "--tag")
        List<String> tags;

        @Option(names = "--internal", hidden = true)
        String internal;

        @Override
        public Integer call() {
            if (slots != null && slots < 1) {
                throw new IllegalArgumentException("--slots must be at least 1, not " + slots);
            }
            return 0;
        }
    }

    @Command(name = "ask")
    static final class Ask implements Callable<Integer> {
        @Option(names = "--zk", required = true)
        String zk;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "tool")
    static final class Tool implements Callable<Integer> {
        @Option(names = "--output")
        String output;

        @Override
        public Integer call() {
            return 0;
        }
    }

    record Run(int exit, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @Test
    void builtInDefault_whenNoLayerSetsIt() {
        Serve serve = parse("serve", "--zk", "a:1");
        assertThat(serve.bind).isEqualTo("127.0.0.1");
        assertThat(serve.slots).isNull();
    }

    @Test
    void file_overridesTheBuiltInDefault() throws IOException {
        Path conf = conf("serve.bind = 0.0.0.0", "serve.slots = 4", "serve.verbose = true");
        Serve serve = parse("serve", "--config", conf.toString(), "--zk", "a:1");
        assertThat(serve.bind).isEqualTo("0.0.0.0");
        assertThat(serve.slots).isEqualTo(4);
        assertThat(serve.verbose).isTrue();
    }

    @Test
    void environment_overridesTheFile() throws IOException {
        env.put("QUERN_SERVE_SLOTS", "6");
        Serve serve = parse("--config", conf("serve.slots = 4").toString(), "serve", "--zk", "a:1");
        assertThat(serve.slots).isEqualTo(6);
    }

    @Test
    void flag_overridesTheEnvironmentAndTheFile() throws IOException {
        env.put("QUERN_SERVE_SLOTS", "6");
        Serve serve = parse("--config", conf("serve.slots = 4").toString(), "serve", "--zk", "a:1", "--slots", "8");
        assertThat(serve.slots).isEqualTo(8);
    }

    @Test
    void commandKey_winsOverTheSharedKey_butEachLayerOverTheNext() throws IOException {
        Path conf = conf("zk = shared:1", "serve.zk = serve:1");
        assertThat(parse("serve", "--config", conf.toString()).zk).isEqualTo("serve:1");
        assertThat(((Ask) parseCommand("ask", "--config", conf.toString())).zk)
                .as("another command reads the shared key")
                .isEqualTo("shared:1");
        env.put("QUERN_ZK", "environment:1");
        assertThat(parse("serve", "--config", conf.toString()).zk).as("even a shared variable beats the file")
                .isEqualTo("environment:1");
        env.put("QUERN_SERVE_ZK", "serve-environment:1");
        assertThat(parse("serve", "--config", conf.toString()).zk).isEqualTo("serve-environment:1");
    }

    @Test
    void requiredOption_isSatisfiedByTheEnvironment() {
        env.put("QUERN_ZK", "zk1:2181");
        assertThat(run("ask").exit()).isZero();
    }

    @Test
    void blankEnvironmentVariables_countAsUnset() throws IOException {
        env.put("QUERN_SERVE_SLOTS", " ");
        env.put("QUERN_CONF", "");
        env.put("QUERN_HOME", home("serve.slots = 3").toString());
        assertThat(parse("serve", "--zk", "a:1").slots).isEqualTo(3);
    }

    @Test
    void fileIsFoundByConfigThenQuernConfThenQuernHome() throws IOException {
        env.put("QUERN_HOME", home("serve.slots = 1").toString());
        assertThat(parse("serve", "--zk", "a:1").slots).isEqualTo(1);
        env.put("QUERN_CONF", conf("serve.slots = 2").toString());
        assertThat(parse("serve", "--zk", "a:1").slots).isEqualTo(2);
        Path named = Files.writeString(dir.resolve("named.conf"), "serve.slots = 3\n");
        assertThat(parse("serve", "--zk", "a:1", "--config", named.toString()).slots).isEqualTo(3);
        assertThat(parse("--config", named.toString(), "serve", "--zk", "a:1").slots).isEqualTo(3);
    }

    @Test
    void noFileAnywhere_isFine() {
        env.put("QUERN_HOME", dir.resolve("no-such-home").toString());
        assertThat(run("ask", "--zk", "a:1").exit()).isZero();
    }

    @Test
    void fileInEffect_isKnownAfterParsing() throws IOException {
        Path conf = conf("zk = a:1");
        CommandLine cl = cli();
        cl.parseArgs("ask", "--config", conf.toString());
        assertThat(Settings.of(cl).flatMap(Settings::file)).contains(conf);
    }

    @Test
    void repeatableAndHiddenOptions_areCommandLineOnly() throws IOException {
        assertBadSetting(run("serve", "--zk", "a:1", "--config", conf("serve.tag = x").toString()),
                "unknown setting 'serve.tag'");
        assertBadSetting(run("serve", "--zk", "a:1", "--config", conf("serve.internal = x").toString()),
                "unknown setting 'serve.internal'");
    }

    @Test
    void commandsWithoutSettings_takeNoConfigAndHaveNoKeys() throws IOException {
        assertThat(run("tool", "--config", "x").err()).contains("Unknown options: '--config'");
        assertBadSetting(run("ask", "--zk", "a:1", "--config", conf("tool.output = /x").toString()),
                "unknown setting 'tool.output'");
        env.put("QUERN_TOOL_OUTPUT", "/x");
        CommandLine cl = cli();
        cl.parseArgs("tool");
        assertThat(((Tool) cl.getSubcommands().get("tool").getCommandSpec().userObject()).output).isNull();
    }

    @Test
    void unknownKey_isOneLineWithExit2_andSuggestsTheNearestKey() throws IOException {
        Path conf = conf("zk = a:1", "serve.slot = 4");
        Run r = run("serve", "--config", conf.toString());
        assertBadSetting(r, conf + " line 2: unknown setting 'serve.slot' (did you mean serve.slots?)");
    }

    @Test
    void unknownKey_failsEvenWhenFlagsGiveEverySetting() throws IOException {
        env.put("QUERN_CONF", conf("serve.colour = blue").toString());
        assertBadSetting(run("ask", "--zk", "a:1"), "unknown setting 'serve.colour'");
    }

    @Test
    void missingNamedFile_isOneLineWithExit2() {
        Path none = dir.resolve("none.conf");
        assertBadSetting(run("ask", "--zk", "a:1", "--config", none.toString()),
                "config file " + none + " (--config) does not exist");
        env.put("QUERN_CONF", none.toString());
        assertBadSetting(run("ask", "--zk", "a:1"), "config file " + none + " (QUERN_CONF) does not exist");
    }

    @Test
    void unparsableFile_isOneLineWithExit2() throws IOException {
        Path conf = conf("zk: a:1");
        assertBadSetting(run("ask", "--config", conf.toString()), conf + " line 1: expected 'key = value'");
    }

    @Test
    void valueThatDoesNotConvert_namesKeyValueAndFileLine() throws IOException {
        Path conf = conf("zk = a:1", "", "serve.slots = four");
        assertBadSetting(run("serve", "--config", conf.toString()),
                "quern serve: invalid serve.slots = four (" + conf + " line 3): 'four' is not an int");
        assertBadSetting(run("serve", "--config", conf("zk = a:1", "verbose = yes").toString()),
                "invalid verbose = yes");
    }

    @Test
    void valueThatDoesNotConvert_namesTheEnvironmentVariable() {
        env.put("QUERN_SLOTS", "many");
        assertBadSetting(run("serve", "--zk", "a:1"),
                "quern serve: invalid QUERN_SLOTS=many (environment): 'many' is not an int");
    }

    @Test
    void badValueOnTheCommandLine_isReportedAsBefore() throws IOException {
        Run r = run("serve", "--config", conf("serve.slots = 4").toString(), "--zk", "a:1", "--slots", "x");
        assertBadSetting(r, "Invalid value for option '--slots': 'x' is not an int (see 'quern serve --help')");
    }

    @Test
    void valueTheCommandRejects_isFollowedByWhereItCameFrom() throws IOException {
        Path conf = conf("serve.slots = 0");
        assertBadSetting(run("serve", "--zk", "a:1", "--config", conf.toString()),
                "quern serve: --slots must be at least 1, not 0; from serve.slots = 0 (" + conf + " line 1)");
        assertBadSetting(run("serve", "--zk", "a:1", "--config", conf.toString(), "--slots", "-1"),
                "quern serve: --slots must be at least 1, not -1");
    }

    @Test
    void help_showsTheDefaultFromTheFile() throws IOException {
        Path conf = conf("bind = 10.0.0.1");
        CommandLine cl = cli();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("serve", "--help", "--config", conf.toString())).isZero();
        assertThat(out.toString()).contains("address (default: 10.0.0.1)").contains("--config=FILE");
    }

    @Test
    void twoKeysWithOneVariable_areRejectedWhenTheTreeIsBuilt() {
        CommandLine root = tree(CommandSpec.create().name("a-b").addOption(option("--c")),
                CommandSpec.create().name("a").addOption(option("--b-c")));
        assertThatThrownBy(() -> Settings.install(root, env, Set.of())).isInstanceOf(IllegalStateException.class)
                .hasMessage("QUERN_A_B_C would stand for both a-b.c and a.b-c");
    }

    @Test
    void keyWithTheVariableOfTheInstallation_isRejectedWhenTheTreeIsBuilt() {
        CommandLine root = tree(CommandSpec.create().name("x").addOption(option("--home")));
        assertThatThrownBy(() -> Settings.install(root, env, Set.of()))
                .hasMessage("QUERN_HOME would stand for both the installation and home");
    }

    private static CommandLine tree(CommandSpec... commands) {
        CommandLine root = new CommandLine(CommandSpec.create().name("quern"));
        for (CommandSpec c : commands) {
            root.addSubcommand(c.name(), new CommandLine(c));
        }
        return root;
    }

    private static OptionSpec option(String name) {
        return OptionSpec.builder(name).type(String.class).build();
    }

    private void assertBadSetting(Run r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
    }

    private CommandLine cli() {
        CommandLine cl = Cli.commandLine(new Root());
        Settings.install(cl, env, Set.of("tool"));
        return cl;
    }

    private Serve parse(String... args) {
        return (Serve) parseCommand(args);
    }

    private Object parseCommand(String... args) {
        CommandLine.ParseResult parsed = cli().parseArgs(args);
        return parsed.subcommand().commandSpec().userObject();
    }

    private Run run(String... args) {
        CommandLine cl = cli();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, err.toString());
    }

    private Path conf(String... lines) throws IOException {
        return Files.write(Files.createTempFile(dir, "settings", ".conf"), List.of(lines));
    }

    /** A QUERN_HOME whose conf/quern.conf holds these lines. */
    private Path home(String... lines) throws IOException {
        Path home = Files.createTempDirectory(dir, "home");
        Files.write(Files.createDirectories(home.resolve("conf")).resolve("quern.conf"), List.of(lines));
        return home;
    }
}
